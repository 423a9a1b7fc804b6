package fr.guichetbio.training.credential;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Collection;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bitstring of a Bitstring Status List (W3C): bit {@code i} counted from the most significant bit of the first
 * byte, 1 when the credential at index {@code i} is revoked; GZIP-compressed then multibase base64url ({@code u} then base64url without padding). At least
 * 131,072 bits (16 KB), as the specification asks for group privacy, and grown by that much when an index needs it.
 */
public final class StatusListBits {

    /** The specification's minimum length. */
    public static final int MINIMUM_BITS = 131_072;

    private StatusListBits() {}

    public static String encode(Collection<Integer> setIndexes) {
        int highest = setIndexes.stream().mapToInt(Integer::intValue).max().orElse(0);
        int bits = ((highest / MINIMUM_BITS) + 1) * MINIMUM_BITS;
        byte[] bytes = new byte[bits / 8];
        for (int index : setIndexes) {
            if (index < 0) {
                throw new IllegalArgumentException("negative status index " + index);
            }
            bytes[index / 8] |= (byte) (0x80 >>> (index % 8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Multibase: 'u' says base64url without padding.
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /** The uncompressed bitstring of an encoded list (GZIP data starts "H4sI" in base64: a leading 'u' is multibase). */
    public static byte[] decode(String encoded) {
        String text = encoded.startsWith("u") ? encoded.substring(1) : encoded;
        try (GZIPInputStream gzip = new GZIPInputStream(
                new ByteArrayInputStream(Base64.getUrlDecoder().decode(text)))) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isSet(byte[] bitstring, int index) {
        return (bitstring[index / 8] & (0x80 >>> (index % 8))) != 0;
    }
}

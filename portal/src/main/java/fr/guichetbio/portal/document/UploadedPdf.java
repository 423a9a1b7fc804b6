package fr.guichetbio.portal.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationMarkup;

/**
 * A PDF someone uploaded, checked: not empty, at most {@link #MAX_BYTES}, and a PDF by its first bytes (the signature
 * {@code %PDF-}), not by its name or declared type. The name is kept without path or control characters.
 */
public final class UploadedPdf {

    /** At most 10 MiB: a certificate or a technical document, not an archive. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private static final byte[] SIGNATURE = {'%', 'P', 'D', 'F', '-'};

    private final String fileName;
    private final byte[] content;

    private UploadedPdf(String fileName, byte[] content) {
        this.fileName = fileName;
        this.content = content;
    }

    /**
     * The upload, checked; {@code defaultName} names a file sent without a usable name.
     *
     * @throws PdfRefused when the file is empty, too large or not a PDF
     */
    public static UploadedPdf of(String fileName, byte[] content, String defaultName) {
        if (content == null || content.length == 0) {
            throw new PdfRefused(PdfRefused.Reason.EMPTY);
        }
        if (content.length > MAX_BYTES) {
            throw new PdfRefused(PdfRefused.Reason.TOO_LARGE);
        }
        if (!isPdf(content)) {
            throw new PdfRefused(PdfRefused.Reason.NOT_PDF);
        }
        return new UploadedPdf(safeFileName(fileName, defaultName), content);
    }

    /**
     * The same document under {@code neutralName} with nothing left that names a person or an organisation outside
     * its pages: the document information (author, title, subject, keywords, creator and producer software, dates),
     * the XMP metadata of the document and its pages, the authors of comments and any embedded files. Saved anew, so
     * that no earlier revision survives. The text of the pages is the uploader's to check.
     *
     * @throws PdfRefused {@link PdfRefused.Reason#UNREADABLE} when the file cannot be parsed or is encrypted
     */
    public UploadedPdf withoutMetadata(String neutralName) {
        try (PDDocument document = Loader.loadPDF(content)) {
            if (document.isEncrypted()) {
                throw new PdfRefused(PdfRefused.Reason.UNREADABLE);
            }
            document.setDocumentInformation(new PDDocumentInformation());
            document.getDocumentCatalog().setMetadata(null);
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            if (names != null) {
                names.setEmbeddedFiles(null);
            }
            for (PDPage page : document.getPages()) {
                page.setMetadata(null);
                for (PDAnnotation annotation : page.getAnnotations()) {
                    annotation.getCOSObject().removeItem(COSName.METADATA);
                    if (annotation instanceof PDAnnotationMarkup) {
                        // A comment's /T is its author's name (for a form field's widget it is the field's name).
                        annotation.getCOSObject().removeItem(COSName.T);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
            document.save(out);
            return new UploadedPdf(neutralName, out.toByteArray());
        } catch (IOException unreadable) {
            throw new PdfRefused(PdfRefused.Reason.UNREADABLE);
        }
    }

    public String fileName() {
        return fileName;
    }

    public byte[] content() {
        return content.clone();
    }

    public int sizeBytes() {
        return content.length;
    }

    /** The SHA-256 of the content, in hexadecimal: what the audit trail records of the file. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Whether the bytes are a PDF: the signature {@code %PDF-} opens the file (magic bytes, not the name). */
    static boolean isPdf(byte[] content) {
        if (content.length < SIGNATURE.length + 3) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (content[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** The uploaded file's name without path or control characters, at most 255 characters. */
    static String safeFileName(String fileName, String defaultName) {
        String name =
                fileName == null ? "" : fileName.replaceAll("^.*[/\\\\]", "").replaceAll("[\\p{Cntrl}\"]", "");
        name = name.isBlank() ? defaultName : name.strip();
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }
}

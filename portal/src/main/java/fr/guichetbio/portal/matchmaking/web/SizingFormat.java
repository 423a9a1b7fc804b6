package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.portal.matchmaking.sizing.Quantity;
import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * Numbers with their units as the reader's language writes them ({@code 26 455 L/an}, {@code 26,455 L/yr}): a precision
 * that fits the size (whole litres, a tenth of a batch), powers of ten for vector genomes ({@code 6,67 × 10¹⁷ vg}).
 */
final class SizingFormat {

    /** From here on figures are written as powers of ten: nobody reads 200 000 000 000 000 000 vg. */
    private static final double SCIENTIFIC_FROM = 1e7;

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private final MessageSource messages;
    private final Locale locale;

    SizingFormat(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    String quantity(Quantity quantity) {
        return messages.getMessage(
                "sizing.unit." + quantity.unit().name(), new Object[] {number(quantity.value())}, locale);
    }

    String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= SCIENTIFIC_FROM) {
            int exponent = (int) Math.floor(Math.log10(magnitude));
            double mantissa = value / Math.pow(10, exponent);
            // 9.996e16 rounds to a mantissa of 10.0: write it 1 × 10^17.
            if (Math.round(Math.abs(mantissa) * 100) >= 1000) {
                mantissa /= 10;
                exponent++;
            }
            return plain(mantissa, 2) + " × 10" + superscript(exponent);
        }
        int decimals = magnitude >= 1_000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 3 : 4;
        return plain(value, decimals);
    }

    private String plain(double value, int maximumDecimals) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(maximumDecimals);
        format.setGroupingUsed(true);
        return format.format(value);
    }

    private static String superscript(int exponent) {
        StringBuilder written = new StringBuilder();
        for (char c : Integer.toString(exponent).toCharArray()) {
            written.append(c == '-' ? '⁻' : SUPERSCRIPTS.charAt(c - '0'));
        }
        return written.toString();
    }
}

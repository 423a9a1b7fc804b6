package fr.guichetbio.portal.document;

import com.openhtmltopdf.extend.FSSupplier;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Turns a well-formed XHTML page (the portal's own templates, every value escaped) into a PDF with openhtmltopdf:
 * tagged (PDF/UA structure, for screen readers), declared PDF/A-2u with an sRGB output profile, and every glyph drawn
 * from an embedded subset of Liberation Sans — the TrueType font PDFBox ships in its jar
 * ({@code org/apache/pdfbox/resources/ttf/}, SIL Open Font License 1.1, see PDFBox's {@code META-INF/LICENSE}), so
 * that the PDF reads the same everywhere and its text can be extracted. Nothing is fetched: the page carries its
 * images as {@code data:} URIs.
 */
public final class HtmlPdf {

    /** The family name templates use in {@code font-family}. */
    public static final String FONT_FAMILY = "Liberation Sans";

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final byte[] SRGB =
            ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private HtmlPdf() {}

    public static byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_U);
            builder.useColorProfile(SRGB);
            // One face for every weight: the regular one (PDFBox ships no bold); headings stand out by their size.
            for (int weight : new int[] {400, 700}) {
                builder.useFont((FSSupplier<InputStream>) HtmlPdf::font, FONT_FAMILY, weight, FontStyle.NORMAL, true);
            }
            // Only the page's own data: URIs; anything else (a link's target is not loaded) resolves to nothing.
            builder.useUriResolver((base, uri) -> uri != null && uri.startsWith("data:") ? uri : null);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    private static InputStream font() {
        InputStream font = HtmlPdf.class.getResourceAsStream(FONT);
        if (font == null) {
            throw new IllegalStateException("PDFBox's " + FONT + " is missing from the class path");
        }
        return font;
    }
}

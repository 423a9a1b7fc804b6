package fr.guichetbio.portal.learning.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A downloaded certificate PDF read as a person would: its text, and its QR code as a phone's camera reads it. Public,
 * and packed in the portal's test jar: the integration tests read the certificate the browser downloaded with it.
 */
public record PrintedCertificate(String text, String qrCode) {

    public static PrintedCertificate read(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PrintedCertificate(new PDFTextStripper().getText(document), qrCodeOn(document));
        }
    }

    /** Rendered at printer resolutions, the first one a reader decodes (at some, modules' edges fall between pixels). */
    public static String qrCodeOn(PDDocument pdf) throws Exception {
        NotFoundException notFound = null;
        for (int dpi : new int[] {300, 200, 150, 400}) {
            try {
                return decode(new PDFRenderer(pdf).renderImageWithDPI(0, dpi, ImageType.RGB));
            } catch (NotFoundException e) {
                notFound = e;
            }
        }
        throw notFound;
    }

    private static String decode(BufferedImage image) throws Exception {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        return new MultiFormatReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels))),
                        Map.of(
                                DecodeHintType.POSSIBLE_FORMATS,
                                List.of(BarcodeFormat.QR_CODE),
                                DecodeHintType.TRY_HARDER,
                                Boolean.TRUE))
                .getText();
    }
}

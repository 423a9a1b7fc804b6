package fr.guichetbio.portal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.portal.support.TestPdfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.junit.jupiter.api.Test;

/** The checks every uploaded PDF passes, and what removing its metadata leaves. */
class UploadedPdfTest {

    private static final String WHO = "Alice Martin, Biotech Secrète";

    @Test
    void aFileIsAPdfByItsFirstBytesAndOfAReasonableSize() {
        assertRefused(null, PdfRefused.Reason.EMPTY);
        assertRefused(new byte[0], PdfRefused.Reason.EMPTY);
        assertRefused("<html>%PDF-1.7</html>".getBytes(StandardCharsets.US_ASCII), PdfRefused.Reason.NOT_PDF);
        byte[] huge = new byte[UploadedPdf.MAX_BYTES + 1];
        System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, huge, 0, 8);
        assertRefused(huge, PdfRefused.Reason.TOO_LARGE);

        UploadedPdf pdf = UploadedPdf.of("C:\\Users\\alice\\NDA \"final\".pdf", TestPdfs.naming(WHO), "x.pdf");
        assertThat(pdf.fileName()).isEqualTo("NDA final.pdf");
        assertThat(pdf.sha256()).hasSize(64).matches("[0-9a-f]+");
        assertThat(UploadedPdf.of("  ", TestPdfs.naming(WHO), "piece-jointe.pdf")
                        .fileName())
                .isEqualTo("piece-jointe.pdf");
    }

    @Test
    void withoutMetadataNothingOutsideThePagesNamesTheAuthor() throws IOException {
        byte[] original = TestPdfs.naming(WHO);
        // The fixture does name its author, in plain bytes (else the assertions below would prove nothing).
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains("Alice Martin");

        UploadedPdf clean = UploadedPdf.of("NDA Alice.pdf", original, "x.pdf").withoutMetadata("piece-jointe-1.pdf");

        assertThat(clean.fileName()).isEqualTo("piece-jointe-1.pdf");
        assertThat(new String(clean.content(), StandardCharsets.ISO_8859_1)).doesNotContain("Alice");
        try (PDDocument document = Loader.loadPDF(clean.content())) {
            PDDocumentInformation info = document.getDocumentInformation();
            assertThat(info.getAuthor()).isNull();
            assertThat(info.getTitle()).isNull();
            assertThat(info.getCreator()).isNull();
            assertThat(info.getProducer()).isNull();
            assertThat(document.getDocumentCatalog().getMetadata()).isNull();
            assertThat(document.getDocumentCatalog().getNames() == null
                            || document.getDocumentCatalog().getNames().getEmbeddedFiles() == null)
                    .isTrue();
            assertThat(document.getNumberOfPages()).isOne();
            PDAnnotation comment = document.getPage(0).getAnnotations().getFirst();
            assertThat(comment.getContents()).isEqualTo("Relu");
            assertThat(comment.getCOSObject().containsKey(COSName.T)).isFalse();
        }
    }

    @Test
    void aProtectedOrDamagedPdfCannotBeCleanedSoItIsRefused() {
        UploadedPdf locked = UploadedPdf.of("a.pdf", TestPdfs.protectedByPassword(), "x.pdf");
        assertThatThrownBy(() -> locked.withoutMetadata("piece-jointe-1.pdf"))
                .isInstanceOfSatisfying(
                        PdfRefused.class, e -> assertThat(e.reason()).isEqualTo(PdfRefused.Reason.UNREADABLE));
        UploadedPdf damaged = UploadedPdf.of("b.pdf", "%PDF-1.7 nothing else".getBytes(StandardCharsets.US_ASCII), "x");
        assertThatThrownBy(() -> damaged.withoutMetadata("piece-jointe-1.pdf"))
                .isInstanceOfSatisfying(
                        PdfRefused.class, e -> assertThat(e.reason()).isEqualTo(PdfRefused.Reason.UNREADABLE));
    }

    private static void assertRefused(byte[] content, PdfRefused.Reason reason) {
        assertThatThrownBy(() -> UploadedPdf.of("f.pdf", content, "x.pdf"))
                .isInstanceOfSatisfying(
                        PdfRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

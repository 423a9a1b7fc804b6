package fr.guichetbio.portal.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;

/** PDFs for tests, made with PDFBox: one that names its author everywhere a PDF can, and a password-protected one. */
public final class TestPdfs {

    private TestPdfs() {}

    /**
     * A one-page PDF whose author is {@code who}: in the document information (author, title, creator, producer),
     * the XMP metadata, a comment's author and an embedded file's name and content. Saved without compression, so
     * that {@code who} is in its bytes as plain text.
     */
    public static byte[] naming(String who) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setAuthor(who);
            info.setTitle("NDA " + who);
            info.setCreator("Writer of " + who);
            info.setProducer("Producer of " + who);
            String xmp = "<?xpacket begin=''?><x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF"
                    + " xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description"
                    + " xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:creator>" + who
                    + "</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
            PDMetadata metadata =
                    new PDMetadata(document, new ByteArrayInputStream(xmp.getBytes(StandardCharsets.UTF_8)));
            document.getDocumentCatalog().setMetadata(metadata);
            PDAnnotationText comment = new PDAnnotationText();
            comment.setTitlePopup(who);
            comment.setContents("Relu");
            comment.setRectangle(new PDRectangle(10, 10, 20, 20));
            page.getAnnotations().add(comment);
            PDComplexFileSpecification file = new PDComplexFileSpecification();
            file.setFile(who + ".txt");
            file.setEmbeddedFile(
                    new PDEmbeddedFile(document, new ByteArrayInputStream(who.getBytes(StandardCharsets.UTF_8))));
            PDEmbeddedFilesNameTreeNode files = new PDEmbeddedFilesNameTreeNode();
            files.setNames(Map.of(who + ".txt", file));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setEmbeddedFiles(files);
            document.getDocumentCatalog().setNames(names);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page PDF that opens only with a password. */
    public static byte[] protectedByPassword() {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out, CompressParameters.NO_COMPRESSION);
        return out.toByteArray();
    }
}

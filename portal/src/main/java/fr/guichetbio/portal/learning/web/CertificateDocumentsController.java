package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.document.PdfDownload;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.certification.Certificate;
import fr.guichetbio.training.certification.Certificates;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A certificate as a PDF, for its holder only: anyone else gets 404, as for a certificate that does not exist (the
 * identifier says nothing of whom it belongs to). Its QR code leads to the public verification page.
 */
@Controller
class CertificateDocumentsController {

    private final Certificates certificates;
    private final Learners learners;
    private final LearningDocuments documents;

    CertificateDocumentsController(Certificates certificates, Learners learners, LearningDocuments documents) {
        this.certificates = certificates;
        this.learners = learners;
        this.documents = documents;
    }

    @GetMapping(CertificatesController.MINE + "/{certificate}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable("certificate") String id) {
        Learner learner = learners.current().orElseThrow(() -> new AccessDeniedException("Sign in"));
        Certificate certificate = certificates
                .find(id)
                .filter(found -> found.personId() == learner.personId())
                .orElseThrow(TrainingController::notFound);
        return PdfDownload.of(
                "certificat-" + certificate.courseCode() + "-" + certificate.id() + ".pdf",
                documents.certificate(certificate));
    }
}

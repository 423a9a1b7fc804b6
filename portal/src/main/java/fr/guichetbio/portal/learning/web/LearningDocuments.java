package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.document.HtmlPdf;
import fr.guichetbio.portal.document.QrCode;
import fr.guichetbio.portal.web.PublicUrls;
import fr.guichetbio.training.certification.Certificate;
import fr.guichetbio.training.transcript.Transcript;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The printed documents of training: a certificate and a transcript, each a Thymeleaf page under
 * {@code templates/training/pdf/} turned into a PDF by {@link HtmlPdf}. Links in them are absolute, built from the
 * public base URL ({@link PublicUrls}), so that they work from a sheet of paper or a forwarded file.
 */
@Component
class LearningDocuments {

    private final ITemplateEngine templates;
    private final PublicUrls urls;

    LearningDocuments(ITemplateEngine templates, PublicUrls urls) {
        this.templates = templates;
        this.urls = urls;
    }

    /** The absolute address of the certificate's public verification page, the one its QR code holds. */
    String verificationUrl(String certificateId) {
        return urls.of(CertificatesController.VERIFY + UriUtils.encodePathSegment(certificateId, "UTF-8"));
    }

    /**
     * The certificate as a PDF in the language of its course (the document certifies a course taught in that
     * language; French when the course is in a language the portal does not speak).
     */
    byte[] certificate(Certificate certificate) {
        Locale locale = Locale.forLanguageTag(certificate.courseLanguage());
        String verification = verificationUrl(certificate.id());
        return render(
                "training/pdf/certificate",
                locale,
                Map.of(
                        "c", certificate,
                        "verificationUrl", verification,
                        "qrCode", QrCode.pngDataUri(verification)));
    }

    /** The transcript as a PDF, in the reader's language. */
    byte[] transcript(Transcript transcript, Locale locale) {
        return render(
                "training/pdf/transcript",
                locale,
                Map.of("transcript", transcript, "verifyBase", urls.of("/verifier/")));
    }

    private byte[] render(String template, Locale locale, Map<String, Object> variables) {
        Context context = new Context(locale, variables);
        context.setVariable("zone", QuizPages.FRANCE);
        context.setVariable("fontFamily", HtmlPdf.FONT_FAMILY);
        return HtmlPdf.render(templates.process(template, context));
    }
}

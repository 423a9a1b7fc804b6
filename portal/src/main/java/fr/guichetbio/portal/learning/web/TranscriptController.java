package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.document.PdfDownload;
import fr.guichetbio.portal.web.PublicUrls;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.certification.Certificate;
import fr.guichetbio.training.transcript.Transcript;
import fr.guichetbio.training.transcript.Transcripts;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The learner's transcript ({@code /formation/releve}: page, PDF, JSON) and its share links: the learner creates and
 * revokes them; anyone holding a live one reads the same facts at {@code /releve/{share}} (page, PDF, JSON), without
 * an account and without any contact detail. An unknown or revoked link, or someone else's, answers 404.
 */
@Controller
class TranscriptController {

    static final String MINE = "/formation/releve";
    static final String SHARED = "/releve/";

    private final Transcripts transcripts;
    private final Learners learners;
    private final LearningDocuments documents;
    private final PublicUrls urls;

    TranscriptController(Transcripts transcripts, Learners learners, LearningDocuments documents, PublicUrls urls) {
        this.transcripts = transcripts;
        this.learners = learners;
        this.documents = documents;
        this.urls = urls;
    }

    @GetMapping(MINE)
    String mine(Model model) {
        Learner learner = signedIn();
        model.addAttribute("transcript", transcripts.of(learner.personId()));
        model.addAttribute("shares", transcripts.sharesOf(learner.personId()));
        model.addAttribute("sharedBase", urls.of(SHARED));
        model.addAttribute("maxShares", Transcripts.MAX_SHARES);
        model.addAttribute("zone", QuizPages.FRANCE);
        return "training/transcript";
    }

    @GetMapping(MINE + ".pdf")
    ResponseEntity<byte[]> minePdf(Locale locale) {
        return PdfDownload.of(
                "releve-de-formation.pdf",
                documents.transcript(transcripts.of(signedIn().personId()), locale));
    }

    @GetMapping(MINE + ".json")
    ResponseEntity<TranscriptJson> mineJson() {
        return json(transcripts.of(signedIn().personId()));
    }

    @PostMapping(MINE + "/partages")
    String share(RedirectAttributes redirect) {
        try {
            transcripts.share(signedIn());
            redirect.addFlashAttribute("flashSuccess", "training.transcript.share.done");
        } catch (Transcripts.TooManyShares tooMany) {
            redirect.addFlashAttribute("flashError", "training.transcript.share.tooMany");
            redirect.addFlashAttribute("flashArguments", Transcripts.MAX_SHARES);
        }
        return "redirect:" + MINE;
    }

    @PostMapping(MINE + "/partages/{share}/revocation")
    String revoke(@PathVariable("share") String token, RedirectAttributes redirect) {
        if (!transcripts.revoke(signedIn(), token)) {
            throw TrainingController.notFound();
        }
        redirect.addFlashAttribute("flashSuccess", "training.transcript.revoke.done");
        return "redirect:" + MINE;
    }

    @GetMapping(SHARED + "{share}")
    String shared(@PathVariable("share") String token, Model model, HttpServletResponse response) {
        // Not for search engines: the holder hands the link to whom they choose.
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        model.addAttribute("transcript", transcripts.shared(token).orElseThrow(TrainingController::notFound));
        model.addAttribute("token", token);
        model.addAttribute("zone", QuizPages.FRANCE);
        return "training/transcript-shared";
    }

    @GetMapping(SHARED + "{share}.pdf")
    ResponseEntity<byte[]> sharedPdf(@PathVariable("share") String token, Locale locale) {
        Transcript transcript = transcripts.shared(token).orElseThrow(TrainingController::notFound);
        return PdfDownload.of("releve-de-formation.pdf", documents.transcript(transcript, locale));
    }

    @GetMapping(SHARED + "{share}.json")
    ResponseEntity<TranscriptJson> sharedJson(@PathVariable("share") String token) {
        return json(transcripts.shared(token).orElseThrow(TrainingController::notFound));
    }

    private Learner signedIn() {
        return learners.current().orElseThrow(() -> new AccessDeniedException("Sign in"));
    }

    private ResponseEntity<TranscriptJson> json(Transcript transcript) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header("X-Robots-Tag", "noindex, nofollow")
                .body(TranscriptJson.of(transcript, documents));
    }

    /**
     * The transcript as JSON: the holder's name, the completed courses, and each certificate with its status now and
     * its verification address. Neither the person's id nor a revocation's reason leaves the portal this way.
     */
    record TranscriptJson(
            String holder,
            Instant readAt,
            List<Transcript.CompletedCourse> completedCourses,
            List<CertificateJson> certificates) {

        static TranscriptJson of(Transcript transcript, LearningDocuments documents) {
            return new TranscriptJson(
                    transcript.holderName(),
                    transcript.readAt(),
                    transcript.courses(),
                    transcript.certificates().stream()
                            .map(c -> CertificateJson.of(c, transcript.readAt(), documents))
                            .toList());
        }
    }

    record CertificateJson(
            String id,
            String courseCode,
            String courseTitle,
            String courseLanguage,
            String version,
            int score,
            Instant issuedAt,
            Instant validUntil,
            Instant expiresAt,
            String status,
            String verificationUrl) {

        static CertificateJson of(Certificate c, Instant now, LearningDocuments documents) {
            return new CertificateJson(
                    c.id(),
                    c.courseCode(),
                    c.courseTitle(),
                    c.courseLanguage(),
                    c.version(),
                    c.score(),
                    c.issuedAt(),
                    c.validUntil(),
                    c.expiresAt(),
                    c.status(now).name(),
                    documents.verificationUrl(c.id()));
        }
    }
}

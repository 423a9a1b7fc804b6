package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.certification.Certificate;
import fr.guichetbio.training.certification.Certificates;
import fr.guichetbio.training.certification.Recertification;
import fr.guichetbio.training.certification.TrainingMatrices;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Certificates: the learner's own ({@code /formation/certificats}), the public check of one ({@code /verifier/{id}}:
 * its status and the holder's name, for anyone, without an account) and an administrator's revocation.
 */
@Controller
class CertificatesController {

    static final String MINE = "/formation/certificats";
    static final String VERIFY = "/verifier/";
    static final String ADMIN = "/admin/formation/certificats";
    static final String ROBOTS = "X-Robots-Tag";

    private final Certificates certificates;
    private final Learners learners;
    private final Organisations organisations;
    private final TrainingMatrices matrices;
    private final Clock clock = Clock.systemUTC();

    CertificatesController(
            Certificates certificates, Learners learners, Organisations organisations, TrainingMatrices matrices) {
        this.certificates = certificates;
        this.learners = learners;
        this.organisations = organisations;
        this.matrices = matrices;
    }

    @GetMapping(MINE)
    String mine(Model model) {
        Learner learner = learners.current().orElseThrow(() -> new AccessDeniedException("Sign in"));
        Instant now = clock.instant();
        List<Certificate> held = certificates.of(learner.personId());
        model.addAttribute("certificates", held);
        model.addAttribute(
                "renewable",
                held.stream()
                        .filter(certificate -> Recertification.renewable(certificate, now))
                        .map(Certificate::id)
                        .collect(Collectors.toSet()));
        // The training matrix: the learner's organisations and whether each may see their certifications.
        model.addAttribute("organisations", organisations.ofPerson(learner.personId()));
        model.addAttribute("consents", matrices.consentsOf(learner.personId()));
        model.addAttribute("now", now);
        model.addAttribute("zone", QuizPages.FRANCE);
        return "training/certificates";
    }

    @GetMapping(VERIFY + "{certificate}")
    String verify(@PathVariable("certificate") String id, Model model, HttpServletResponse response) {
        Optional<Certificate> certificate = certificates.find(id);
        // Not for search engines: a holder shares the link, nobody should find it by their name.
        response.setHeader(ROBOTS, "noindex, nofollow");
        if (certificate.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("certificate", certificate.orElse(null));
        model.addAttribute(
                "status",
                certificate.map(found -> found.status(clock.instant())).orElse(null));
        model.addAttribute("zone", QuizPages.FRANCE);
        return "training/verify";
    }

    @GetMapping(ADMIN)
    String find(@RequestParam(name = "id", required = false) String id, Model model) {
        model.addAttribute("id", id);
        if (id != null && !id.isBlank()) {
            Optional<Certificate> certificate = certificates.find(id.strip());
            model.addAttribute("certificate", certificate.orElse(null));
            model.addAttribute(
                    "status",
                    certificate.map(found -> found.status(clock.instant())).orElse(null));
            model.addAttribute("notFound", certificate.isEmpty());
        }
        model.addAttribute("zone", QuizPages.FRANCE);
        model.addAttribute("errors", Map.of());
        model.addAttribute("maxReason", Certificates.MAX_REASON);
        return "training/admin-certificates";
    }

    @PostMapping(ADMIN + "/{certificate}/revocation")
    String revoke(
            @PathVariable("certificate") String id,
            @RequestParam(name = "raison", defaultValue = "") String reason,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Learner admin = learners.current().orElseThrow(() -> new AccessDeniedException("Sign in"));
        Certificate certificate = certificates.find(id).orElseThrow(TrainingController::notFound);
        boolean revoked;
        try {
            revoked = certificates.revoke(admin, id, reason).isPresent();
        } catch (Certificates.ReasonRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("id", id);
            model.addAttribute("certificate", certificate);
            model.addAttribute("status", certificate.status(clock.instant()));
            model.addAttribute("zone", QuizPages.FRANCE);
            model.addAttribute("reason", reason);
            model.addAttribute("maxReason", Certificates.MAX_REASON);
            model.addAttribute(
                    "errors",
                    Map.of(
                            "raison",
                            refused.missing()
                                    ? "training.certificate.revoke.reason.required"
                                    : "training.certificate.revoke.reason.tooLong"));
            return "training/admin-certificates";
        }
        redirect.addFlashAttribute(
                revoked ? "flashSuccess" : "flashError",
                revoked ? "training.certificate.revoke.done" : "training.certificate.revoke.already");
        return "redirect:" + ADMIN + "?id=" + id;
    }
}

package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.organisation.Memberships;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationNotFound;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.portal.web.CsvCells;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.certification.InvalidRequirement;
import fr.guichetbio.training.certification.NoSuchMember;
import fr.guichetbio.training.certification.TrainingMatrices;
import fr.guichetbio.training.certification.TrainingMatrix;
import fr.guichetbio.training.path.BioproductionRole;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The employers' training matrix (issue 17): an organisation's administrators see its members × the certifications
 * their roles require ({@code /organisations/{slug}/formation}, and as CSV), set each member's role and each role's
 * required courses; each member gives or withdraws their consent from their certificates page. Every rule is
 * training's ({@link TrainingMatrices}); the portal supplies the organisation and its members.
 */
@Controller
class TrainingMatrixController {

    static final String MATRIX = "/organisations/{slug}/formation";
    static final String CONSENT = CertificatesController.MINE + "/consentements/{slug}";

    private final TrainingMatrices matrices;
    private final Learners learners;
    private final Organisations organisations;
    private final Memberships memberships;
    private final MessageSource messages;

    TrainingMatrixController(
            TrainingMatrices matrices,
            Learners learners,
            Organisations organisations,
            Memberships memberships,
            MessageSource messages) {
        this.matrices = matrices;
        this.learners = learners;
        this.organisations = organisations;
        this.memberships = memberships;
        this.messages = messages;
    }

    @GetMapping(MATRIX)
    String matrix(@PathVariable String slug, Model model) {
        Learner learner = signedIn();
        Organisation organisation = organisation(slug);
        return page(learner, organisation, model, Map.of(), Map.of());
    }

    @GetMapping(MATRIX + ".csv")
    ResponseEntity<byte[]> csv(@PathVariable String slug) {
        Learner learner = signedIn();
        Organisation organisation = organisation(slug);
        TrainingMatrix matrix = matrices.matrix(learner, organisation.id(), members(organisation));
        StringWriter csv = new StringWriter();
        List<String> header = new ArrayList<>(List.of(
                message("training.matrix.csv.member"),
                message("training.matrix.csv.role"),
                message("training.matrix.csv.consent")));
        matrix.courses().forEach(course -> header.add(course.code()));
        try (CSVPrinter out = CSVFormat.RFC4180
                .builder()
                .setHeader(header.stream().map(CsvCells::text).toArray(String[]::new))
                .get()
                .print(csv)) {
            for (TrainingMatrix.Row row : matrix.rows()) {
                List<String> record = new ArrayList<>();
                record.add(CsvCells.text(row.name() == null ? "" : row.name()));
                record.add(
                        row.role() == null
                                ? ""
                                : message("training.role." + row.role().name()));
                record.add(message("training.matrix.consent." + row.consented()));
                row.cells().forEach(cell -> record.add(message("training.matrix.cell." + cell.name())));
                out.printRecord(record);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"matrice-formation-" + organisation.slug() + ".csv\"")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping(MATRIX + "/membres/{personId}/role")
    String assignRole(
            @PathVariable String slug,
            @PathVariable long personId,
            @RequestParam(name = "role", defaultValue = "") String role,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Learner learner = signedIn();
        Organisation organisation = organisation(slug);
        Optional<BioproductionRole> chosen = role(role);
        if (!role.isBlank() && chosen.isEmpty()) {
            // Checked before reporting a bad value, so that nobody but an administrator learns anything here.
            matrices.requirements(learner, organisation.id());
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(
                    learner,
                    organisation,
                    model,
                    Map.of("role-" + personId, List.of(message("training.matrix.error.role"))),
                    Map.of());
        }
        try {
            matrices.assignRole(learner, organisation.id(), members(organisation), personId, chosen.orElse(null));
        } catch (NoSuchMember unknown) {
            throw TrainingController.notFound();
        }
        redirect.addFlashAttribute("flashSuccess", "training.matrix.role.saved");
        return "redirect:" + matrixPath(organisation);
    }

    @PostMapping(MATRIX + "/exigences")
    String require(
            @PathVariable String slug,
            @RequestParam(name = "role", defaultValue = "") String role,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Learner learner = signedIn();
        Organisation organisation = organisation(slug);
        Optional<BioproductionRole> chosen = role(role);
        // One form per role, each text area named after its role (so that its errors show under it).
        String courses = chosen.map(r -> form.getOrDefault(courseField(r), "")).orElse("");
        List<String> codes = Arrays.stream(courses.split("[\\r\\n,]+"))
                .map(String::strip)
                .filter(code -> !code.isEmpty())
                .toList();
        if (chosen.isEmpty()) {
            matrices.requirements(learner, organisation.id()); // administrators only, before any detail
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(
                    learner,
                    organisation,
                    model,
                    Map.of("role", List.of(message("training.matrix.error.role"))),
                    Map.of());
        }
        try {
            matrices.require(learner, organisation.id(), chosen.get(), codes);
        } catch (InvalidRequirement invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            String field = courseField(chosen.get());
            String error = invalid.tooMany()
                    ? message("training.matrix.error.tooMany")
                    : message("training.matrix.error.unknownCourses", String.join(", ", invalid.unknownCodes()));
            return page(learner, organisation, model, Map.of(field, List.of(error)), Map.of(chosen.get(), courses));
        }
        redirect.addFlashAttribute("flashSuccess", "training.matrix.requirement.saved");
        return "redirect:" + matrixPath(organisation) + "#exigences";
    }

    @PostMapping(CONSENT)
    String giveConsent(@PathVariable String slug, RedirectAttributes redirect) {
        Learner learner = signedIn();
        matrices.giveConsent(learner, organisation(slug).id());
        redirect.addFlashAttribute("flashSuccess", "training.matrix.consent.given");
        return "redirect:" + CertificatesController.MINE + "#partage";
    }

    @PostMapping(CONSENT + "/retrait")
    String withdrawConsent(@PathVariable String slug, RedirectAttributes redirect) {
        Learner learner = signedIn();
        matrices.withdrawConsent(learner, organisation(slug).id());
        redirect.addFlashAttribute("flashSuccess", "training.matrix.consent.withdrawn");
        return "redirect:" + CertificatesController.MINE + "#partage";
    }

    /**
     * The matrix page. {@code errors} maps a field to its messages (as {@code training/authoring/fields} shows them);
     * {@code typed} keeps what was typed for a role whose requirements were refused.
     */
    private String page(
            Learner learner,
            Organisation organisation,
            Model model,
            Map<String, List<String>> errors,
            Map<BioproductionRole, String> typed) {
        TrainingMatrix matrix = matrices.matrix(learner, organisation.id(), members(organisation));
        Map<BioproductionRole, List<String>> requirements = matrices.requirements(learner, organisation.id());
        Map<BioproductionRole, String> texts = new EnumMap<>(BioproductionRole.class);
        for (BioproductionRole role : BioproductionRole.values()) {
            texts.put(role, typed.getOrDefault(role, String.join("\n", requirements.getOrDefault(role, List.of()))));
        }
        model.addAttribute("organisation", organisation);
        model.addAttribute("matrix", matrix);
        model.addAttribute("roles", BioproductionRole.values());
        model.addAttribute("requirements", texts);
        model.addAttribute("errors", new LinkedHashMap<>(errors));
        return "training/matrix";
    }

    private List<TrainingMatrix.Member> members(Organisation organisation) {
        return memberships.members(organisation.id()).stream()
                .map(member -> new TrainingMatrix.Member(member.personId(), member.displayName()))
                .toList();
    }

    private Learner signedIn() {
        return learners.current().orElseThrow(() -> new AccessDeniedException("Sign in"));
    }

    private Organisation organisation(String slug) {
        return organisations.findBySlug(slug).orElseThrow(OrganisationNotFound::new);
    }

    private static Optional<BioproductionRole> role(String name) {
        return Arrays.stream(BioproductionRole.values())
                .filter(role -> role.name().equals(name))
                .findFirst();
    }

    private static String courseField(BioproductionRole role) {
        return "cours-" + role.name();
    }

    private static String matrixPath(Organisation organisation) {
        return MATRIX.replace("{slug}", organisation.slug());
    }

    private String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}

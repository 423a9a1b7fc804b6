package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.catalogue.index.match.Shortlist;
import fr.guichetbio.catalogue.index.search.SearchUnavailableException;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.matchmaking.brief.Brief;
import fr.guichetbio.portal.matchmaking.brief.BriefConflict;
import fr.guichetbio.portal.matchmaking.brief.BriefContent;
import fr.guichetbio.portal.matchmaking.brief.BriefInvalid;
import fr.guichetbio.portal.matchmaking.brief.BriefNotFound;
import fr.guichetbio.portal.matchmaking.brief.BriefRules;
import fr.guichetbio.portal.matchmaking.brief.BriefService;
import fr.guichetbio.portal.matchmaking.brief.BriefShortlists;
import fr.guichetbio.portal.matchmaking.brief.BriefStatus;
import fr.guichetbio.portal.matchmaking.request.MatchRequest;
import fr.guichetbio.portal.matchmaking.request.RequestService;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.search.Gazetteer;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A sponsor organisation's briefs: list, write (from scratch or from a capacity sizing), read with the shortlist and
 * its explanations, ask why a site is missing, duplicate, open, close. Only the organisation's members reach them
 * (everyone else gets the 404 of an unknown brief).
 */
@Controller
class BriefController {

    private static final String BASE = "/organisations/{slug}/cahiers-des-charges";

    private final OrganisationAccess access;
    private final BriefService briefs;
    private final BriefShortlists shortlists;
    private final Gazetteer gazetteer;
    private final MessageSource messages;
    private final RequestService requests;

    BriefController(
            OrganisationAccess access,
            BriefService briefs,
            BriefShortlists shortlists,
            Gazetteer gazetteer,
            MessageSource messages,
            RequestService requests) {
        this.access = access;
        this.briefs = briefs;
        this.shortlists = shortlists;
        this.gazetteer = gazetteer;
        this.messages = messages;
        this.requests = requests;
    }

    @ModelAttribute
    void vocabulary(Model model) {
        model.addAttribute("modalities", Vocabulary.Modality.values());
        model.addAttribute("stages", Vocabulary.Stage.values());
        model.addAttribute("systems", Vocabulary.ExpressionSystem.values());
        model.addAttribute("serviceCodes", Vocabulary.Service.values());
        model.addAttribute("technologyCodes", Vocabulary.Technology.values());
        model.addAttribute("levels", Vocabulary.VerificationLevel.values());
        model.addAttribute("regions", BriefContent.Region.values());
    }

    @GetMapping(BASE)
    String list(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = access.visible(slug, user);
        model.addAttribute("organisation", organisation);
        model.addAttribute("briefs", briefs.ofOrganisation(user, organisation.id()));
        return "matchmaking/briefs";
    }

    /** A new brief; a capacity sizing's result arrives as {@code modalite}, {@code quantite}, {@code litres}. */
    @GetMapping(BASE + "/nouveau")
    String createForm(
            @PathVariable String slug,
            @AuthenticationPrincipal PortalUser user,
            @RequestParam(name = "modalite", required = false) String modality,
            @RequestParam(name = "quantite", required = false) String annualQuantityKg,
            @RequestParam(name = "litres", required = false) String litresPerBatch,
            @RequestParam(name = "dimensionnement", required = false) String sizing,
            Model model) {
        Organisation organisation = writable(slug, user);
        BriefForm form = new BriefForm();
        form.setModality(modality);
        form.setAnnualQuantityKg(annualQuantityKg);
        form.setLitresPerBatch(litresPerBatch);
        form.setSizing(sizing);
        model.addAttribute("form", form);
        return formPage(organisation, null, model);
    }

    @PostMapping(BASE + "/nouveau")
    String create(
            @PathVariable String slug,
            @AuthenticationPrincipal PortalUser user,
            @ModelAttribute("form") BriefForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        // The right on THIS organisation first: an invalid form of a non-member is still a 404.
        Organisation organisation = writable(slug, user);
        BriefForm.Read read = form.read(gazetteer);
        if (!reject(read, errors)) {
            try {
                Brief brief = briefs.create(user, organisation.id(), read.content());
                redirect.addFlashAttribute("flashSuccess", "brief.flash.created");
                return "redirect:/organisations/" + slug + "/cahiers-des-charges/" + brief.id();
            } catch (BriefInvalid invalid) {
                invalid.problems().forEach(p -> errors.rejectValue(p.field(), p.messageKey()));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return formPage(organisation, null, model);
    }

    @GetMapping(BASE + "/{briefId}")
    String show(
            @PathVariable String slug,
            @PathVariable long briefId,
            @RequestParam(name = "site", required = false) String missingSite,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Organisation organisation = access.visible(slug, user);
        Brief brief = briefs.get(user, organisation.id(), briefId);
        model.addAttribute("organisation", organisation);
        model.addAttribute("brief", brief);
        model.addAttribute("quarters", shortlists.startQuarters(brief, briefs.clock()));
        List<MatchRequest> sent = requests.ofBrief(user, organisation.id(), briefId);
        model.addAttribute("sentRequests", sent);
        model.addAttribute("asked", sent.stream().map(MatchRequest::siteKey).toList());
        // Requests leave from an open brief: a draft is still being written.
        model.addAttribute("canSend", brief.status() == BriefStatus.OPEN);
        try {
            Shortlist shortlist = shortlists.of(brief, briefs.clock());
            model.addAttribute("shortlist", shortlist);
            if (missingSite != null && !missingSite.isBlank()) {
                String key = missingSite.strip();
                model.addAttribute("missingSite", key);
                boolean listed =
                        shortlist.candidates().stream().anyMatch(c -> c.key().equals(key));
                Optional<Shortlist.Exclusion> exclusion =
                        listed ? Optional.empty() : shortlists.whyMissing(brief, key, briefs.clock());
                model.addAttribute("missingListed", listed);
                model.addAttribute("exclusion", exclusion.orElse(null));
            }
        } catch (SearchUnavailableException e) {
            model.addAttribute("shortlistUnavailable", true);
        }
        return "matchmaking/brief";
    }

    @GetMapping(BASE + "/{briefId}/modifier")
    String editForm(
            @PathVariable String slug,
            @PathVariable long briefId,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Organisation organisation = access.visible(slug, user);
        Brief brief = briefs.get(user, organisation.id(), briefId);
        model.addAttribute("form", BriefForm.of(brief.content(), brief.version()));
        return formPage(organisation, brief, model);
    }

    @PostMapping(BASE + "/{briefId}/modifier")
    String edit(
            @PathVariable String slug,
            @PathVariable long briefId,
            @AuthenticationPrincipal PortalUser user,
            @ModelAttribute("form") BriefForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        Brief brief = briefs.get(user, organisation.id(), briefId);
        BriefForm.Read read = form.read(gazetteer);
        if (!reject(read, errors)) {
            try {
                briefs.update(user, organisation.id(), briefId, read.content(), form.getVersion());
                redirect.addFlashAttribute("flashSuccess", "brief.flash.updated");
                return "redirect:/organisations/" + slug + "/cahiers-des-charges/" + briefId;
            } catch (BriefInvalid invalid) {
                invalid.problems().forEach(p -> errors.rejectValue(p.field(), p.messageKey()));
            } catch (BriefConflict conflict) {
                redirect.addFlashAttribute("flashError", conflict.messageKey());
                return "redirect:/organisations/" + slug + "/cahiers-des-charges/" + briefId;
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return formPage(organisation, brief, model);
    }

    @PostMapping(BASE + "/{briefId}/dupliquer")
    String duplicate(
            @PathVariable String slug,
            @PathVariable long briefId,
            @AuthenticationPrincipal PortalUser user,
            Locale locale,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        Brief copy = briefs.duplicate(
                user, organisation.id(), briefId, messages.getMessage("brief.copySuffix", null, locale));
        redirect.addFlashAttribute("flashSuccess", "brief.flash.duplicated");
        return "redirect:/organisations/" + slug + "/cahiers-des-charges/" + copy.id() + "/modifier";
    }

    @PostMapping(BASE + "/{briefId}/ouvrir")
    String open(
            @PathVariable String slug,
            @PathVariable long briefId,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        return changeStatus(slug, briefId, user, redirect, "brief.flash.opened", briefs::open);
    }

    @PostMapping(BASE + "/{briefId}/clore")
    String close(
            @PathVariable String slug,
            @PathVariable long briefId,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        return changeStatus(slug, briefId, user, redirect, "brief.flash.closedDone", briefs::close);
    }

    /** A status change of the service ({@code open}, {@code close}): who, on which organisation, which brief. */
    private interface StatusChange {
        void apply(PortalUser user, long organisationId, long briefId);
    }

    private String changeStatus(
            String slug,
            long briefId,
            PortalUser user,
            RedirectAttributes redirect,
            String success,
            StatusChange change) {
        Organisation organisation = access.visible(slug, user);
        try {
            change.apply(user, organisation.id(), briefId);
            redirect.addFlashAttribute("flashSuccess", success);
        } catch (BriefConflict conflict) {
            redirect.addFlashAttribute("flashError", conflict.messageKey());
        }
        return "redirect:/organisations/" + slug + "/cahiers-des-charges/" + briefId;
    }

    /** The organisation of the URL, whose briefs the person may write; the 404 of an unknown brief otherwise. */
    private Organisation writable(String slug, PortalUser user) {
        Organisation organisation = access.visible(slug, user);
        if (!briefs.mayWrite(user, organisation.id())) {
            throw new BriefNotFound();
        }
        return organisation;
    }

    /** Puts the problems of the form and of the rules on their fields; whether there were any. */
    private boolean reject(BriefForm.Read read, BindingResult errors) {
        List<BriefRules.Problem> problems = new ArrayList<>(read.problems());
        for (BriefRules.Problem problem : BriefRules.check(read.content(), briefs.clock())) {
            // A field that did not parse already says so.
            if (problems.stream().noneMatch(p -> p.field().equals(problem.field()))) {
                problems.add(problem);
            }
        }
        problems.forEach(p -> errors.rejectValue(p.field(), p.messageKey()));
        return !problems.isEmpty();
    }

    private String formPage(Organisation organisation, Brief brief, Model model) {
        model.addAttribute("organisation", organisation);
        model.addAttribute("brief", brief);
        LocalDate today = LocalDate.now(briefs.clock());
        model.addAttribute("currentQuarter", today.getYear() + "-Q" + ((today.getMonthValue() + 2) / 3));
        return "matchmaking/brief-form";
    }
}

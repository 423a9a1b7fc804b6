package fr.guichetbio.portal.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.CatalogueIndexAdmin;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.identity.PortalUser;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/index} (platform admins, like all of {@code /admin/**}): which index the alias points at and how many
 * documents it holds, the outbox rows still to index, the documents Elasticsearch refused (retry one or all), and the
 * full rebuild (start it, follow its progress: the page reloads itself without JavaScript, htmx refreshes the progress
 * block with it).
 */
@Controller
class IndexAdminController {

    private static final Logger log = LoggerFactory.getLogger(IndexAdminController.class);

    /** What the index holds, or {@code available = false} when Elasticsearch does not answer. */
    record IndexState(boolean available, String index, long documents) {}

    private final CatalogueIndexAdmin admin;
    private final ElasticsearchClient client;
    private final IndexRebuilds rebuilds;
    private final DeadLetters deadLetters;
    private final Outbox outbox;

    IndexAdminController(
            CatalogueIndexAdmin admin,
            ElasticsearchClient client,
            IndexRebuilds rebuilds,
            DeadLetters deadLetters,
            Outbox outbox) {
        this.admin = admin;
        this.client = client;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
    }

    @GetMapping("/admin/index")
    String status(Model model) {
        Optional<IndexRebuilds.Rebuild> rebuild = rebuilds.latest();
        model.addAttribute("index", indexState());
        model.addAttribute("pending", outbox.pending());
        model.addAttribute("deadLetters", deadLetters.list());
        model.addAttribute("deadLetterCount", deadLetters.count());
        model.addAttribute("rebuild", rebuild.orElse(null));
        boolean running = rebuild.map(IndexRebuilds.Rebuild::running).orElse(false);
        model.addAttribute("rebuildRunning", running);
        model.addAttribute("refreshSeconds", running ? 2 : null);
        return "admin/index/status";
    }

    @PostMapping("/admin/index/reconstruction")
    String rebuild(@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        requireAdmin(user);
        if (rebuilds.startInBackground(user.personId()).isPresent()) {
            redirect.addFlashAttribute("flashSuccess", "admin.index.flash.rebuildStarted");
        } else {
            redirect.addFlashAttribute("flashError", "admin.index.flash.rebuildRunning");
        }
        return "redirect:/admin/index";
    }

    @PostMapping("/admin/index/rejets/{id}/relancer")
    String retry(@PathVariable long id, @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        requireAdmin(user);
        if (deadLetters.retry(id)) {
            redirect.addFlashAttribute("flashSuccess", "admin.index.flash.retried");
        } else {
            redirect.addFlashAttribute("flashError", "admin.index.flash.retryGone");
        }
        return "redirect:/admin/index";
    }

    @PostMapping("/admin/index/rejets/relancer")
    String retryAll(@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        requireAdmin(user);
        deadLetters.retryAll();
        redirect.addFlashAttribute("flashSuccess", "admin.index.flash.retriedAll");
        return "redirect:/admin/index";
    }

    private IndexState indexState() {
        try {
            Optional<String> index = admin.currentIndex();
            if (index.isEmpty()) {
                return new IndexState(true, null, 0);
            }
            long count = client.count(c -> c.index(CatalogueIndexSchema.ALIAS)).count();
            return new IndexState(true, index.get(), count);
        } catch (Exception e) {
            log.debug("Search index status unavailable", e);
            return new IndexState(false, null, 0);
        }
    }

    private static void requireAdmin(PortalUser user) {
        if (user == null || !user.isAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}

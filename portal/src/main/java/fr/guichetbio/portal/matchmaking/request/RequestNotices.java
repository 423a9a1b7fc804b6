package fr.guichetbio.portal.matchmaking.request;

import fr.guichetbio.portal.matchmaking.RequestAnswered;
import fr.guichetbio.portal.matchmaking.RequestClosed;
import fr.guichetbio.portal.matchmaking.RequestSent;
import fr.guichetbio.portal.notification.Notice;
import fr.guichetbio.portal.notification.NotificationCategory;
import fr.guichetbio.portal.notification.Notifications;
import fr.guichetbio.portal.organisation.Organisations;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Tells the members of the other side of a request what happened — a new request, a reply, a status change — in the
 * portal and by e-mail (their choice per category), once the change is committed. The notices name the brief and the
 * site, never the sponsor's organisation nor anybody: an anonymous sponsor stays anonymous in e-mails too.
 */
@Configuration(proxyBeanMethods = false)
class RequestNotices {

    static final String NEW_REQUEST = "matchmaking.request";
    static final String REPLY = "matchmaking.reply";
    static final String STATUS = "matchmaking.status";

    private final MatchRequests requests;
    private final Organisations organisations;
    private final Notifications notifications;

    RequestNotices(MatchRequests requests, Organisations organisations, Notifications notifications) {
        this.requests = requests;
        this.organisations = organisations;
        this.notifications = notifications;
    }

    @Bean
    static NotificationCategory matchmakingRequest() {
        return new NotificationCategory(NEW_REQUEST);
    }

    @Bean
    static NotificationCategory matchmakingReply() {
        return new NotificationCategory(REPLY);
    }

    @Bean
    static NotificationCategory matchmakingStatus() {
        return new NotificationCategory(STATUS);
    }

    @ApplicationModuleListener
    void on(RequestSent sent) {
        MatchRequest request = requests.find(sent.requestId()).orElseThrow();
        tell(sent.manufacturerOrganisationId(), NEW_REQUEST, "notification.matchmaking.request", request, List.of());
    }

    @ApplicationModuleListener
    void on(RequestAnswered answered) {
        MatchRequest request = requests.find(answered.requestId()).orElseThrow();
        tell(
                answered.toOrganisationId(),
                REPLY,
                "notification.matchmaking.reply." + answered.kind(),
                request,
                List.of());
    }

    @ApplicationModuleListener
    void on(RequestClosed closed) {
        MatchRequest request = requests.find(closed.requestId()).orElseThrow();
        tell(
                closed.manufacturerOrganisationId(),
                STATUS,
                "notification.matchmaking.closed." + closed.outcome(),
                request,
                List.of());
    }

    /** One notice per member of the organisation: the brief's title and the site, with the request's link. */
    private void tell(long organisationId, String category, String key, MatchRequest request, List<String> more) {
        List<String> arguments = new java.util.ArrayList<>(List.of(request.briefTitle(), request.siteName()));
        arguments.addAll(more);
        for (Organisations.MembershipRow member : organisations.memberships(organisationId)) {
            notifications.notify(new Notice(member.personId(), category, key, arguments, "/demandes/" + request.id()));
        }
    }
}

/**
 * Notifications: what the portal tells a person, in the portal (the {@code /notifications} list and the unread counter
 * in the header) and by e-mail (an outbox sent over SMTP after commit, with retries), and each person's choice of
 * e-mails ({@code /compte/notifications}). Tables {@code notification}, {@code notification_preference},
 * {@code mail_outbox} (changes in {@code db/changelog/notification/}). Depends on no business module: the others call
 * it.
 *
 * <p><b>The contract for calling modules.</b>
 *
 * <ul>
 *   <li>Declare each category you send as a bean, {@code @Bean NotificationCategory requests() { return new
 *       NotificationCategory("matchmaking.request"); }}: codes are {@code <module>.<what>} in lower case (e.g.
 *       {@code matchmaking.request}, {@code matchmaking.reply}, {@code matchmaking.status}, {@code
 *       catalogue.rejection}); the preferences page lists every declared category with the label {@code
 *       notification.category.<code>} of both message bundles (add it to {@code messages.properties} and {@code
 *       messages_en.properties}). {@link fr.guichetbio.portal.notification.Notifications#notify} refuses an undeclared
 *       category.
 *   <li>Call {@link fr.guichetbio.portal.notification.Notifications#notify(Notice)} from your own {@code
 *       @ApplicationModuleListener} (after your business change commits, in the listener's transaction: it is
 *       {@code MANDATORY}), one {@link fr.guichetbio.portal.notification.Notice} per person. The notice and its e-mail
 *       are written in that transaction: if the listener fails, nothing is written and Spring Modulith resubmits the
 *       event; a rolled-back business change publishes nothing, so nothing is ever sent for it.
 *   <li>A notice is a message key of the portal's bundles with its arguments (strings, shown as text, never as HTML),
 *       rendered in the reader's language when the list is shown or the e-mail is written, and an optional link to a
 *       page of the portal (a path starting with {@code /}: the e-mail makes it absolute with {@code
 *       guichet.public-base-url}). Put in it only what the person needs to know and may see; the e-mail carries the
 *       same text and no name of anybody.
 *   <li>E-mails go to the person's address (read at send time: never to a deleted account) unless they turned off
 *       the category; the in-app notice is always written.
 * </ul>
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Notifications",
        allowedDependencies = {"identity", "web"})
package fr.guichetbio.portal.notification;

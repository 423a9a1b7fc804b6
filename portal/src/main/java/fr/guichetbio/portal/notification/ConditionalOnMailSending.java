package fr.guichetbio.portal.notification;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * This process sends the outbox's e-mails: it serves pages (not a command-line run nor an indexer), an SMTP host is
 * configured ({@code spring.mail.host}) and {@code guichet.mail.enabled} is not false. Without an SMTP host, e-mails
 * wait in the outbox.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnWebApplication
@ConditionalOnExpression("${guichet.mail.enabled:true} and '${spring.mail.host:}' != ''")
@interface ConditionalOnMailSending {}

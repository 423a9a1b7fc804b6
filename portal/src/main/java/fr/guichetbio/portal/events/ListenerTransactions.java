package fr.guichetbio.portal.events;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * A listener's event publication is marked completed in the listener's own transaction. Spring Modulith marks it from
 * an interceptor of very high precedence ({@code HIGHEST_PRECEDENCE + 10}), by default outside the transaction of an
 * {@code @ApplicationModuleListener}: a process stopped between the listener's commit and that mark, or a mark that
 * failed, left a publication incomplete whose listener had run, and its resubmission ran the listener again — a second
 * notice and e-mail. With the transaction interceptor first, the mark commits with the listener's writes or not at all.
 * (A listener that throws then leaves its publication in progress rather than failed: it is retried once stale,
 * {@code spring.modulith.events.staleness.processing}.) Otherwise Spring Boot's own setting: class-based proxies.
 */
@Configuration(proxyBeanMethods = false)
@EnableTransactionManagement(proxyTargetClass = true, order = Ordered.HIGHEST_PRECEDENCE)
class ListenerTransactions {}

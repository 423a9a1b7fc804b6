package fr.guichetbio.portal.indexing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * The background indexing components (the outbox worker, the daily aging pass) run in this process: unless
 * {@code guichet.indexing.enabled=false} (portals leaving it to indexer processes), and not in the command line rebuild
 * ({@code --guichet.index.rebuild}), which they would race to start one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnExpression("${guichet.indexing.enabled:true} and '${guichet.index.rebuild:false}' == 'false'")
@interface ConditionalOnIndexing {}

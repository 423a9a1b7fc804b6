/**
 * Delivery of the events between modules: Spring Modulith's event publication registry keeps a row per event and
 * listener in PostgreSQL ({@code event_publication}), written in the transaction that publishes the event; this module
 * resubmits the publications that stayed incomplete (a listener failed, or the process stopped between the commit and
 * the listener) and clears old completed ones.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Event delivery",
        allowedDependencies = {})
package fr.guichetbio.portal.events;

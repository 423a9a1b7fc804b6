/**
 * Delivery of the events between modules: Spring Modulith's event publication registry keeps a row per event and
 * listener in PostgreSQL ({@code event_publication}), written in the transaction that publishes the event; this module
 * resubmits, once across replicas, the publications that failed (a listener threw, or a stopped process left them
 * incomplete for longer than the staleness limits) and clears old completed ones.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Event delivery",
        allowedDependencies = {})
package fr.guichetbio.portal.events;

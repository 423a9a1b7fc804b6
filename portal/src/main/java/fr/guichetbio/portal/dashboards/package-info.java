/**
 * Agency dashboards ({@code /tableaux-de-bord}): the sector's capacity (public), demand and skills (agency analysts
 * and platform administrators) by modality, region and period. Every figure is an aggregate computed by its owning
 * module's read API in SQL — {@link fr.guichetbio.portal.catalogue.CapacityFigures},
 * {@link fr.guichetbio.portal.matchmaking.DemandFigures}, {@link fr.guichetbio.training.SkillFigures} — and shown as a
 * server-rendered SVG chart beside its data table, downloadable as CSV and JSON with exactly the table's cells. No
 * personal data: the read APIs return counts only. Its open data ({@code /donnees}, package {@code opendata}) publishes
 * the public figures daily with small cells suppressed ({@code disclosure.SmallCells}).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Dashboards",
        allowedDependencies = {
            "catalogue",
            "catalogue :: vocabulary",
            "catalogue :: exchange",
            "matchmaking",
            "identity",
            "training",
            "web"
        })
package fr.guichetbio.portal.dashboards;

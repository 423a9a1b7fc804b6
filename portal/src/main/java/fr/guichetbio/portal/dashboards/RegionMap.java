package fr.guichetbio.portal.dashboards;

import java.util.Collection;
import java.util.List;

/**
 * A figure drawn as a choropleth of the regions: each region's outline, its class (by the figure's value) and the
 * text naming it with its figures, and the legend of the classes. Drawn by the page as an SVG, with the figure's
 * table beside it, so that colour is never the only way to read it.
 *
 * @param viewBox the SVG view box
 * @param insets the frames of the overseas insets
 * @param areas every region of the vocabulary, with its figures or none
 * @param legend the classes, the lightest (no site) first
 */
public record RegionMap(String viewBox, List<Frame> insets, List<Area> areas, List<LegendClass> legend) {

    /** The fills of the classes: a light grey for no site, then DSFR's blue France from light to dark. */
    public static final List<String> FILLS = List.of("#f6f6f6", "#e3e3fd", "#a1a1f8", "#6a6af4", "#000091");

    /** Classes of regions with sites (besides class 0, no site). */
    public static final int CLASSES = FILLS.size() - 1;

    /** A rectangle of the SVG (numbers as written in the view box). */
    public record Frame(String x, String y, String width, String height) {}

    /**
     * A region: its INSEE code, its outline, its class (0: no site in the selection) and its name with its figures.
     */
    public record Area(String code, String path, int level, String label) {
        public String fill() {
            return FILLS.get(level);
        }
    }

    /** A class of the legend: its number, its fill and its label (a range of values). */
    public record LegendClass(int level, String label) {
        public String fill() {
            return FILLS.get(level);
        }
    }

    public RegionMap {
        insets = List.copyOf(insets);
        areas = List.copyOf(areas);
        legend = List.copyOf(legend);
    }

    /**
     * The class (1 to {@link #CLASSES}) of a region with sites, by the rank of its value among those of every region
     * with sites (quantiles): the quarter of them it falls in, ties in the same class, the largest always in the
     * darkest. Equal intervals would leave most regions in the lightest class beside Île-de-France's volume.
     */
    static int level(double value, Collection<Double> all) {
        long rank = all.stream().filter(v -> v <= value).count();
        return (int) Math.max(1, Math.ceil((double) CLASSES * rank / Math.max(1, all.size())));
    }
}

package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.ExpressionSystem;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Modality;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Service;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Stage;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Technology;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.VerificationLevel;
import fr.guichetbio.portal.matchmaking.brief.BriefContent;
import fr.guichetbio.portal.matchmaking.brief.BriefRules;
import fr.guichetbio.portal.search.Gazetteer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The brief form as typed: text, so that a value that does not parse gets its own field message instead of a binding
 * error. {@link #read} turns it into a {@link BriefContent} and the problems of each field.
 */
public class BriefForm {

    private String title;
    private String modality;
    private String expressionSystem;
    private String stage;
    private String annualQuantityKg;
    private String litresPerBatch;
    private String sizing;
    private List<String> services = new ArrayList<>();
    private List<String> technologies = new ArrayList<>();
    private List<String> preferredTechnologies = new ArrayList<>();
    private String startFrom;
    private String startTo;
    private String region = BriefContent.Region.FRANCE.name();
    private String place;
    private String radiusKm;
    private String minimumVerification = VerificationLevel.SELF_DECLARED.name();
    private boolean gmpRequired;
    private boolean anonymous = true;
    private int version;

    /** The content and the problems of the fields that did not parse (the rules are checked on top). */
    record Read(BriefContent content, List<BriefRules.Problem> problems) {}

    Read read(Gazetteer gazetteer) {
        List<BriefRules.Problem> problems = new ArrayList<>();
        Modality m = code("modality", modality, Modality::valueOf, problems, "brief.error.modality");
        ExpressionSystem system =
                code("expressionSystem", expressionSystem, ExpressionSystem::valueOf, problems, "brief.error.code");
        Stage s = code("stage", stage, Stage::valueOf, problems, "brief.error.code");
        List<Service> chosen = codes("services", services, Service::valueOf, problems);
        List<Technology> required = codes("technologies", technologies, Technology::valueOf, problems);
        List<Technology> preferred =
                codes("preferredTechnologies", preferredTechnologies, Technology::valueOf, problems);
        BriefContent.Region r = code("region", region, BriefContent.Region::valueOf, problems, "brief.error.code");
        VerificationLevel level = code(
                "minimumVerification", minimumVerification, VerificationLevel::valueOf, problems, "brief.error.code");
        BriefContent.Place resolved = null;
        if (r == BriefContent.Region.NEAR && place != null && !place.isBlank()) {
            resolved = gazetteer
                    .find(place)
                    .map(p -> new BriefContent.Place(p.name(), p.lat(), p.lon()))
                    .orElse(null);
            if (resolved == null) {
                problems.add(new BriefRules.Problem("place", "brief.error.placeUnknown"));
            }
        }
        Integer radius = null;
        String radiusText = blankToNull(radiusKm);
        if (radiusText != null) {
            try {
                radius = Integer.valueOf(radiusText);
            } catch (NumberFormatException e) {
                problems.add(new BriefRules.Problem("radiusKm", "brief.error.radius"));
            }
        }
        BriefContent content = new BriefContent(
                title,
                m,
                system,
                s,
                number("annualQuantityKg", annualQuantityKg, problems, "brief.error.quantity"),
                number("litresPerBatch", litresPerBatch, problems, "brief.error.litres"),
                blankToNull(sizing),
                chosen,
                required,
                preferred,
                quarter("startFrom", startFrom, problems),
                quarter("startTo", startTo, problems),
                r,
                resolved,
                r == BriefContent.Region.NEAR ? radius : null,
                level,
                gmpRequired,
                anonymous);
        return new Read(content, problems);
    }

    /** The form of a saved brief. */
    static BriefForm of(BriefContent c, int version) {
        BriefForm form = new BriefForm();
        form.title = c.title();
        form.modality = c.modality().name();
        form.expressionSystem =
                c.expressionSystem() == null ? null : c.expressionSystem().name();
        form.stage = c.stage() == null ? null : c.stage().name();
        form.annualQuantityKg = c.annualQuantityKg() == null ? null : plain(c.annualQuantityKg());
        form.litresPerBatch = c.litresPerBatch() == null ? null : plain(c.litresPerBatch());
        form.sizing = c.sizing();
        form.services = new ArrayList<>(c.services().stream().map(Enum::name).toList());
        form.technologies =
                new ArrayList<>(c.technologies().stream().map(Enum::name).toList());
        form.preferredTechnologies = new ArrayList<>(
                c.preferredTechnologies().stream().map(Enum::name).toList());
        form.startFrom = c.startFrom() == null ? null : c.startFrom().toString();
        form.startTo = c.startTo() == null ? null : c.startTo().toString();
        form.region = c.region().name();
        form.place = c.place() == null ? null : c.place().name();
        form.radiusKm = c.radiusKm() == null ? null : c.radiusKm().toString();
        form.minimumVerification = c.minimumVerification().name();
        form.gmpRequired = c.gmpRequired();
        form.anonymous = c.anonymous();
        form.version = version;
        return form;
    }

    /** A figure as a form field shows it: {@code 2000}, not {@code 2000.0}. */
    static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static <T> T code(
            String field, String value, Function<String, T> parse, List<BriefRules.Problem> problems, String key) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(new BriefRules.Problem(field, key));
            return null;
        }
    }

    /** The codes ticked in a group of boxes, once each, in the order given; an unknown one is the field's problem. */
    private static <T> List<T> codes(
            String field, List<String> values, Function<String, T> parse, List<BriefRules.Problem> problems) {
        List<T> codes = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            T parsed = code(field, value, parse, problems, "brief.error.code");
            if (parsed != null && !codes.contains(parsed)) {
                codes.add(parsed);
            }
        }
        return codes;
    }

    /** A decimal number, with a comma or a point, spaces between thousands allowed ("1 000,5"). */
    private static Double number(String field, String value, List<BriefRules.Problem> problems, String key) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(text.replace('\u00a0', ' ')
                    .replace('\u202f', ' ')
                    .replace(" ", "")
                    .replace(',', '.'));
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        problems.add(new BriefRules.Problem(field, key));
        return null;
    }

    private static BriefContent.Quarter quarter(String field, String value, List<BriefRules.Problem> problems) {
        try {
            return BriefContent.Quarter.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(new BriefRules.Problem(field, "brief.error.quarter"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public int getTitleMax() {
        return BriefRules.TITLE_MAX;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getModality() {
        return modality;
    }

    public void setModality(String modality) {
        this.modality = modality;
    }

    public String getExpressionSystem() {
        return expressionSystem;
    }

    public void setExpressionSystem(String expressionSystem) {
        this.expressionSystem = expressionSystem;
    }

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    public String getAnnualQuantityKg() {
        return annualQuantityKg;
    }

    public void setAnnualQuantityKg(String annualQuantityKg) {
        this.annualQuantityKg = annualQuantityKg;
    }

    public String getLitresPerBatch() {
        return litresPerBatch;
    }

    public void setLitresPerBatch(String litresPerBatch) {
        this.litresPerBatch = litresPerBatch;
    }

    public String getSizing() {
        return sizing;
    }

    public void setSizing(String sizing) {
        this.sizing = sizing;
    }

    public List<String> getServices() {
        return services;
    }

    public void setServices(List<String> services) {
        this.services = services;
    }

    public List<String> getTechnologies() {
        return technologies;
    }

    public void setTechnologies(List<String> technologies) {
        this.technologies = technologies;
    }

    public List<String> getPreferredTechnologies() {
        return preferredTechnologies;
    }

    public void setPreferredTechnologies(List<String> preferredTechnologies) {
        this.preferredTechnologies = preferredTechnologies;
    }

    public String getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }

    public String getStartTo() {
        return startTo;
    }

    public void setStartTo(String startTo) {
        this.startTo = startTo;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getPlace() {
        return place;
    }

    public void setPlace(String place) {
        this.place = place;
    }

    public String getRadiusKm() {
        return radiusKm;
    }

    public void setRadiusKm(String radiusKm) {
        this.radiusKm = radiusKm;
    }

    public String getMinimumVerification() {
        return minimumVerification;
    }

    public void setMinimumVerification(String minimumVerification) {
        this.minimumVerification = minimumVerification;
    }

    public boolean isGmpRequired() {
        return gmpRequired;
    }

    public void setGmpRequired(boolean gmpRequired) {
        this.gmpRequired = gmpRequired;
    }

    public boolean isAnonymous() {
        return anonymous;
    }

    public void setAnonymous(boolean anonymous) {
        this.anonymous = anonymous;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}

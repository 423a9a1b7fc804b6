package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.portal.matchmaking.sizing.CellTherapyRequest;
import fr.guichetbio.portal.matchmaking.sizing.CellTherapySizing;
import fr.guichetbio.portal.matchmaking.sizing.Input;
import fr.guichetbio.portal.matchmaking.sizing.Modality;
import fr.guichetbio.portal.matchmaking.sizing.ProteinRequest;
import fr.guichetbio.portal.matchmaking.sizing.ProteinSizing;
import fr.guichetbio.portal.matchmaking.sizing.Quantity;
import fr.guichetbio.portal.matchmaking.sizing.Sizing;
import fr.guichetbio.portal.matchmaking.sizing.SizingParameters;
import fr.guichetbio.portal.matchmaking.sizing.SizingProblem;
import fr.guichetbio.portal.matchmaking.sizing.SizingRequest;
import fr.guichetbio.portal.matchmaking.sizing.Unit;
import fr.guichetbio.portal.matchmaking.sizing.ViralVectorRequest;
import fr.guichetbio.portal.matchmaking.sizing.ViralVectorSizing;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The matchmaking landing page and the sizing calculator: a GET form per modality, so that a result is a link and works
 * without JavaScript; the result writes each formula out with its figures.
 */
@Controller
class SizingController {

    static final String LANDING = "/mise-en-relation";
    static final String PATH = LANDING + "/dimensionnement";

    private final MessageSource messages;

    SizingController(MessageSource messages) {
        this.messages = messages;
    }

    /** A modality tab: its link and whether it is the one shown. */
    record Tab(Modality modality, String url, boolean current) {}

    /**
     * A form field: a text input for numbers (decimal comma, spaces and powers of ten are accepted, which a number input
     * would refuse) or a select for a choice.
     */
    record Field(String name, String id, String value, String error, List<Choice> choices) {}

    record Choice(String value, String labelKey, boolean selected) {}

    /** A step written out: what it computes, the formula in words, the same with the figures, and the figure. */
    record StepLine(String name, String label, String formula, String numbers, String result) {}

    /** A headline figure of the result. */
    record Figure(String id, String label, String value) {}

    /** A row of the standard sizes table. */
    record OptionRow(String size, String technologyKey, String batches, String litres, String trains, boolean chosen) {}

    @GetMapping(LANDING)
    String landing(Model model) {
        model.addAttribute("tabs", tabs(null));
        return "matchmaking/landing";
    }

    @GetMapping(PATH)
    String sizing(@RequestParam Map<String, String> raw, Model model, Locale locale, HttpServletResponse response) {
        Map<String, String> withModality = new LinkedHashMap<>(raw);
        withModality.putIfAbsent(Modality.PARAMETER, Modality.PROTEINS.parameter());
        SizingParameters.Parsed parsed = SizingParameters.parse(withModality);
        Modality modality = parsed.modality() == null ? Modality.PROTEINS : parsed.modality();
        boolean showErrors = parsed.submitted() && !parsed.valid();
        Map<String, String> values = new LinkedHashMap<>(SizingParameters.defaults(modality));
        if (parsed.submitted()) {
            // A sent form shows what was sent, blanks included: never a default the reader did not choose.
            SizingParameters.fields(modality)
                    .forEach(field -> values.put(field, parsed.values().get(field)));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (showErrors) {
            parsed.problems().forEach(problem -> errors.putIfAbsent(problem.parameter(), error(problem, locale)));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        SizingFormat format = new SizingFormat(messages, locale);
        model.addAttribute("modality", modality);
        model.addAttribute("tabs", tabs(modality));
        model.addAttribute("fields", fields(modality, values, errors));
        model.addAttribute("errors", errors);
        if (parsed.valid()) {
            Sizing sizing = parsed.request().size();
            String query = query(parsed.request().parameters());
            model.addAttribute("sizing", sizing);
            model.addAttribute("figures", figures(sizing, format, locale));
            model.addAttribute("steps", steps(sizing, format, locale));
            model.addAttribute("options", options(sizing, format));
            model.addAttribute("permalink", PATH + query);
            model.addAttribute("apiUrl", SizingApiController.PATH + query);
            model.addAttribute("briefUrl", BriefStartController.PATH + briefPrefill(parsed.request(), query));
        }
        return "matchmaking/sizing";
    }

    private static List<Tab> tabs(Modality current) {
        return Arrays.stream(Modality.values())
                .map(m -> new Tab(m, PATH + "?" + Modality.PARAMETER + "=" + m.parameter(), m == current))
                .toList();
    }

    private static List<Field> fields(Modality modality, Map<String, String> values, Map<String, String> errors) {
        List<Field> fields = new ArrayList<>();
        for (String name : SizingParameters.fields(modality)) {
            String value = values.get(name);
            fields.add(new Field(name, "sizing-" + name, value, errors.get(name), choices(name, value)));
        }
        return fields;
    }

    /** The choices of a select field, none for a number. */
    private static List<Choice> choices(String field, String value) {
        List<String> written = SizingParameters.choices(field);
        return written.stream()
                .map(choice -> new Choice(choice, "sizing.field." + field + "." + choice, choice.equals(value)))
                .toList();
    }

    private String error(SizingProblem problem, Locale locale) {
        Input input = problem.input();
        Object[] arguments = new Object[0];
        if (input != null) {
            SizingFormat format = new SizingFormat(messages, locale);
            arguments = new Object[] {
                format.quantity(input.quantity(input.min())),
                format.quantity(input.quantity(input.max())),
                messages.getMessage(input.messageKey(), null, locale)
            };
        }
        return messages.getMessage(problem.messageKey(), arguments, locale);
    }

    private List<Figure> figures(Sizing sizing, SizingFormat format, Locale locale) {
        List<Figure> figures = new ArrayList<>();
        figures.add(figure("batches", Quantity.of(sizing.batchesPerYear(), Unit.BATCHES_PER_YEAR), format, locale));
        switch (sizing) {
            case ProteinSizing p -> {
                figures.add(figure("litres", Quantity.of(p.litresPerYear(), Unit.LITRES_PER_YEAR), format, locale));
                figures.add(
                        figure("litresNeeded", Quantity.of(p.litresNeeded(), Unit.LITRES_PER_YEAR), format, locale));
                figures.add(figure("trains", Quantity.of(p.trains(), Unit.TRAINS), format, locale));
                figures.add(new Figure(
                        "sizing-standard",
                        messages.getMessage("sizing.figure.standard", null, locale),
                        standardSizes(p, format, locale)));
            }
            case ViralVectorSizing v -> {
                figures.add(figure("litres", Quantity.of(v.litresPerYear(), Unit.LITRES_PER_YEAR), format, locale));
                figures.add(
                        figure("litresNeeded", Quantity.of(v.litresNeeded(), Unit.LITRES_PER_YEAR), format, locale));
                figures.add(figure("vector", Quantity.of(v.releasedPerYear(), Unit.VG_PER_YEAR), format, locale));
            }
            case CellTherapySizing c ->
                figures.add(figure("suites", Quantity.of(c.suites(), Unit.SUITES), format, locale));
        }
        return figures;
    }

    private String standardSizes(ProteinSizing sizing, SizingFormat format, Locale locale) {
        String single = format.quantity(Quantity.of(sizing.singleTrainLitres(), Unit.LITRES));
        if (sizing.standardAbove() == null) {
            return messages.getMessage(
                    "sizing.figure.standard.aboveAll",
                    new Object[] {
                        single,
                        format.quantity(Quantity.of(sizing.standardBelow().litres(), Unit.LITRES))
                    },
                    locale);
        }
        if (sizing.standardBelow() == null) {
            return messages.getMessage(
                    "sizing.figure.standard.belowAll",
                    new Object[] {
                        single,
                        format.quantity(Quantity.of(sizing.standardAbove().litres(), Unit.LITRES))
                    },
                    locale);
        }
        return messages.getMessage(
                "sizing.figure.standard.between",
                new Object[] {
                    single,
                    format.quantity(Quantity.of(sizing.standardBelow().litres(), Unit.LITRES)),
                    format.quantity(Quantity.of(sizing.standardAbove().litres(), Unit.LITRES))
                },
                locale);
    }

    private Figure figure(String name, Quantity value, SizingFormat format, Locale locale) {
        return new Figure(
                "sizing-" + name, messages.getMessage("sizing.figure." + name, null, locale), format.quantity(value));
    }

    private List<StepLine> steps(Sizing sizing, SizingFormat format, Locale locale) {
        return sizing.steps().stream()
                .map(step -> {
                    String key = "sizing.step." + step.name();
                    Object[] operands =
                            step.operands().stream().map(format::quantity).toArray();
                    return new StepLine(
                            step.name(),
                            messages.getMessage(key + ".label", null, locale),
                            messages.getMessage(key + ".formula", null, locale),
                            messages.getMessage(key + ".numbers", operands, locale),
                            format.quantity(step.result()));
                })
                .toList();
    }

    private static List<OptionRow> options(Sizing sizing, SizingFormat format) {
        if (!(sizing instanceof ProteinSizing protein)) {
            return List.of();
        }
        return protein.options().stream()
                .map(option -> new OptionRow(
                        format.quantity(Quantity.of(option.size().litres(), Unit.LITRES)),
                        "sizing.technology." + option.size().technology().name(),
                        format.number(option.batchesPerYear()),
                        format.number(option.litresPerYear()),
                        format.number(option.trains()),
                        option.size().litres() == protein.request().workingVolumeLitres()))
                .toList();
    }

    /** {@code ?a=1&b=2}, each value encoded (a '+' in 1e+14 would otherwise read as a space). */
    /**
     * What a brief takes from a sizing: the catalogue modality it most likely is (the author can change it), the
     * yearly mass for proteins, the working volume of a batch for bioreactor processes, and the sizing's own link.
     */
    static String briefPrefill(SizingRequest request, String query) {
        String sizing = query.startsWith("?") ? query.substring(1) : query;
        return switch (request) {
            case ProteinRequest p ->
                BriefStartController.prefill(
                        "MAB", BriefForm.plain(p.annualKg()), BriefForm.plain(p.workingVolumeLitres()), sizing);
            case ViralVectorRequest v ->
                BriefStartController.prefill(v.vector().name(), null, BriefForm.plain(v.workingVolumeLitres()), sizing);
            case CellTherapyRequest c -> BriefStartController.prefill("CELL_THERAPY", null, null, sizing);
        };
    }

    static String query(Map<String, String> parameters) {
        UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
        parameters.forEach(builder::queryParam);
        return builder.encode().build().toUriString();
    }
}

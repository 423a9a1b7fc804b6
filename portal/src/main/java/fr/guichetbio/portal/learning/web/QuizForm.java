package fr.guichetbio.portal.learning.web;

import fr.guichetbio.training.assessment.Answer;
import fr.guichetbio.training.assessment.QuestionView;
import fr.guichetbio.training.assessment.Submission;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.util.MultiValueMap;

/**
 * A quiz page's form → a {@link Submission}. Fields are named after the question's key: {@code q-<key>} holds the
 * shown position of the chosen option (one, or several for multiple choice) or the number typed (French or English
 * notation); an ordering gives each shown step its rank in {@code q-<key>-<position>}. A question left blank is not
 * answered; a number that cannot be read is an error shown next to the question, and nothing is submitted.
 */
final class QuizForm {

    private QuizForm() {}

    /**
     * @param errors question key → message key
     * @param values what was typed, to fill the form again
     */
    record Parsed(Submission submission, Map<String, String> errors, MultiValueMap<String, String> values) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    static String field(String questionKey) {
        return "q-" + questionKey;
    }

    static Parsed parse(
            UUID attemptId,
            String token,
            List<QuestionView> questions,
            MultiValueMap<String, String> form,
            Locale locale) {
        Map<String, Answer> answers = new HashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (QuestionView question : questions) {
            String field = field(question.key());
            List<String> given = form.getOrDefault(field, List.of()).stream()
                    .filter(value -> !value.isBlank())
                    .toList();
            switch (question.kind()) {
                case SINGLE_CHOICE -> {
                    if (!given.isEmpty()) {
                        answers.put(question.key(), new Answer.Choice(position(given.getFirst())));
                    }
                }
                case MULTIPLE_CHOICE -> {
                    if (!given.isEmpty()) {
                        Set<Integer> shown = new LinkedHashSet<>();
                        given.forEach(value -> shown.add(position(value)));
                        answers.put(question.key(), new Answer.Choices(shown));
                    }
                }
                case NUMBER -> {
                    if (!given.isEmpty()) {
                        Double number = number(given.getFirst(), locale);
                        if (number == null) {
                            errors.put(question.key(), "training.quiz.error.number");
                        } else {
                            answers.put(question.key(), new Answer.Number(number));
                        }
                    }
                }
                case ORDERING -> {
                    Map<Integer, Integer> ranks = new HashMap<>();
                    for (int shown = 0; shown < question.items().size(); shown++) {
                        String rank = form.getFirst(field + "-" + shown);
                        if (rank != null && !rank.isBlank()) {
                            ranks.put(shown, position(rank));
                        }
                    }
                    if (ranks.isEmpty()) {
                        break;
                    }
                    if (ranks.size() != question.items().size()
                            || Set.copyOf(ranks.values()).size() != ranks.size()) {
                        errors.put(question.key(), "training.quiz.error.ordering");
                    } else {
                        List<Integer> sequence = new ArrayList<>(ranks.keySet());
                        sequence.sort(Comparator.comparing(ranks::get));
                        answers.put(question.key(), new Answer.Sequence(sequence));
                    }
                }
            }
        }
        return new Parsed(new Submission(attemptId, token, answers), errors, form);
    }

    /** A position as the page sent it; anything else maps to -1, which the assessor refuses as altered. */
    private static int position(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** 1234.5, 1 234,5 or 1,234.5 as the reader writes them; {@code null} when it is not a number. */
    static Double number(String text, Locale locale) {
        String compact = text.strip().replace(" ", "").replace(" ", "").replace(" ", "");
        if (compact.isEmpty()) {
            return null;
        }
        if ("fr".equals(locale.getLanguage())
                || compact.indexOf('.') >= 0 && compact.indexOf(',') > compact.indexOf('.')) {
            // French: 0,25 (a point typed instead is read as decimal too); 1.234,5 also reads as French.
            compact = compact.replace(".", compact.indexOf(',') >= 0 ? "" : ".").replace(',', '.');
        } else {
            compact = compact.replace(",", "");
        }
        ParsePosition position = new ParsePosition(0);
        Number number = NumberFormat.getInstance(Locale.ROOT).parse(compact, position);
        if (number == null || position.getIndex() != compact.length() || !Double.isFinite(number.doubleValue())) {
            return null;
        }
        return number.doubleValue();
    }
}

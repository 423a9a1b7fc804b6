package fr.guichetbio.catalogue.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.junit.jupiter.api.Test;

class SynonymFileTest {

    @Test
    void everyRuleParsesOnItsOwn() throws IOException {
        List<String> lines;
        try (BufferedReader reader = new BufferedReader(BioSynonyms.openResource())) {
            lines = reader.lines().toList();
        }
        int rules = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            rules++;
            try {
                SynonymMap map = BioSynonyms.parse(new StringReader(line));
                assertThat(map.fst).as("line %d: %s", i + 1, line).isNotNull();
            } catch (ParseException | IllegalArgumentException e) {
                fail("line %d does not parse: %s (%s)", i + 1, line, e);
            }
        }
        assertThat(rules).isGreaterThan(50);
    }

    @Test
    void wholeFileLoads() {
        assertThat(BioSynonyms.map().fst).isNotNull();
        assertThat(BioSynonyms.map().maxHorizontalContext).isGreaterThan(1);
    }

    @Test
    void aBrokenRuleIsReported() {
        assertThatThrownBy(() -> BioSynonyms.parse(new StringReader("mab => ")))
                .isInstanceOfAny(ParseException.class, IllegalArgumentException.class);
        // Punctuation only: the standard tokenizer leaves nothing of it.
        assertThatThrownBy(() -> BioSynonyms.parse(new StringReader("&, mab")))
                .isInstanceOfAny(ParseException.class, IllegalArgumentException.class);
    }
}

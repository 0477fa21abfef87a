package io.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the text, the gate answers, and its positions stay inside the body. */
class GatePropertiesTest {

    private static final ComplianceGate GATE = TestPolicies.practiceGate();

    @Property(tries = 500)
    void neverThrowsAndPositionsStayInTheBody(@ForAll("bodies") String body) {
        Verdict v = GATE.check(new ComplianceInput("p", body, "http://x.example", List.of(body), List.of(), Set.of()));
        assertThat(v.decision()).isNotNull();
        for (Finding f : v.findings()) {
            if (f.hasPosition()) {
                assertThat(f.start()).isBetween(0, body.length());
                assertThat(f.end()).isBetween(f.start(), body.length());
            } else {
                assertThat(f.start()).isEqualTo(-1);
                assertThat(f.end()).isEqualTo(-1);
            }
            assertThat(f.message()).isNotBlank().doesNotContain("\n");
        }
        boolean block = v.findings().stream().anyMatch(f -> f.action() == Action.BLOCK);
        assertThat(v.decision() == Decision.BLOCK).isEqualTo(block);
    }

    @Property(tries = 200)
    void isDeterministic(@ForAll("bodies") String body) {
        assertThat(GATE.check("a", body)).isEqualTo(GATE.check("a", body));
    }

    @Property(tries = 200)
    void acknowledgingEveryHoldRuleNeverLeavesAHold(@ForAll("bodies") String body) {
        Verdict first = GATE.check("a", body);
        Verdict second = GATE.check(ComplianceInput.of("a", body).withAcknowledged(first.ruleIdsToAcknowledge()));
        assertThat(second.decision()).isNotEqualTo(Decision.HOLD);
        assertThat(second.decision() == Decision.BLOCK).isEqualTo(first.decision() == Decision.BLOCK);
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(400);
        Arbitrary<String> wordy = Arbitraries.of("Mr.", "Dr.", "patient", "Linda", "Park", "555-310-7788", "DOB",
                        "09/02/1965", "cures", "FDA", "approved", "damn", "STOP", "NOW", "Room", "407", "@", "#", "http://",
                        "https://x.example/a", "jo@gmail.com", ",", ".", "!", "?", "'s", "\u2019", "\n", "born", "MRN",
                        "12345678", "St.", "Main", "Street", "88", "😂", "“", "”", "-", "95th", "birthday", "vaccines",
                        "cause", "autism", "\uD83D", "é", "Ø")
                .list().ofMaxSize(60).map(l -> String.join(" ", l));
        return Arbitraries.oneOf(any, wordy);
    }
}

package io.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ComplianceGateTest {

    /** The gate's semantics (decisions, acknowledgements, warnings) on its rules; TextModelTest covers the model. */
    private final ComplianceGate gate = TestPolicies.practiceRulesGate();

    private static ComplianceInput post(String body, Set<String> acknowledged) {
        return new ComplianceInput("p", body, null, List.of(), List.of(), acknowledged);
    }

    @Test
    void shouldHoldAPostWithAnUnacknowledgedHoldFinding() {
        Verdict v = gate.check(post("Our detox tea cures bloating. Guaranteed!", Set.of()));
        assertThat(v.decision()).isEqualTo(Decision.HOLD);
        assertThat(v.acknowledged()).isEmpty();
        assertThat(v.ruleIdsToAcknowledge()).contains(Rules.CLAIMS_CURE, Rules.CLAIMS_GUARANTEE);
    }

    @Test
    void shouldPublishWhenEveryHoldRuleIsAcknowledgedAndSayWhich() {
        Verdict held = gate.check(post("Our detox tea cures bloating. Guaranteed!", Set.of()));
        Verdict v = gate.check(post("Our detox tea cures bloating. Guaranteed!", held.ruleIdsToAcknowledge()));
        assertThat(v.decision()).isEqualTo(Decision.PUBLISH);
        assertThat(v.acknowledged()).isEqualTo(held.ruleIdsToAcknowledge());
        assertThat(v.unacknowledgedHolds()).isEmpty();
        assertThat(v.findings()).filteredOn(f -> f.action() == Action.HOLD).allMatch(v::isAcknowledged);
    }

    @Test
    void shouldStillHoldWhenOnlySomeHoldRulesAreAcknowledged() {
        Verdict v = gate.check(post("Our detox tea cures bloating. Guaranteed!", Set.of(Rules.CLAIMS_CURE)));
        assertThat(v.decision()).isEqualTo(Decision.HOLD);
        assertThat(v.acknowledged()).containsExactly(Rules.CLAIMS_CURE);
        assertThat(v.unacknowledgedHolds()).noneMatch(f -> f.rule().equals(Rules.CLAIMS_CURE));
    }

    @Test
    void nothingCanAcknowledgeABlock() {
        Verdict v = gate.check(post("Mr. Harold Jensen, your results are in. Call 555-310-7788.",
                Set.of(Rules.PHI_NAME, Rules.PHI_PHONE)));
        assertThat(v.decision()).isEqualTo(Decision.BLOCK);
        assertThat(v.acknowledged()).isEmpty();
        assertThat(v.blocking()).extracting(Finding::rule).contains(Rules.PHI_NAME, Rules.PHI_PHONE);
    }

    @Test
    void acknowledgementsOfRulesThatDidNotFireAreNotReported() {
        Verdict v = gate.check(post("Wash your hands.", Set.of(Rules.CLAIMS_CURE)));
        assertThat(v.decision()).isEqualTo(Decision.PUBLISH);
        assertThat(v.acknowledged()).isEmpty();
    }

    @Test
    void warningsDoNotStopPublishing() {
        ComplianceInput in = new ComplianceInput("w", "Flu shots are here. Walk-ins welcome.", "http://valleyhealth.example/flu",
                List.of("FluSeason"), List.of(MediaInfo.of("https://valleyhealth.example/a.jpg", null, "image/jpeg")), Set.of());
        Verdict v = gate.check(in);
        assertThat(v.decision()).isEqualTo(Decision.PUBLISH);
        assertThat(v.findings()).extracting(Finding::rule)
                .containsExactlyInAnyOrder(Rules.ACCESSIBILITY_ALT_TEXT, Rules.SECURITY_HTTPS);
        assertThat(v.findings()).allMatch(f -> f.action() == Action.WARN && f.start() == -1 && f.end() == -1);
    }

    @Test
    void shouldTakeAMediaUrlOnTheLoopbackForNoPersonButAPublicAddressForOne() {
        ComplianceInput loopback = new ComplianceInput("l", "Flu shots are here.", null, List.of(),
                List.of(MediaInfo.of("http://127.0.0.1:8089/media/sample.jpg", "A flu shot", "image/jpeg")), Set.of());
        ComplianceInput address = new ComplianceInput("a", "Flu shots are here.", null, List.of(),
                List.of(MediaInfo.of("https://203.0.113.7/photo.jpg", "A flu shot", "image/jpeg")), Set.of());

        assertThat(gate.check(loopback).findings()).extracting(Finding::rule).containsExactly(Rules.SECURITY_HTTPS);
        assertThat(gate.check(address).findings()).extracting(Finding::rule).contains(Rules.PHI_IP);
    }

    @Test
    void shouldWarnAboutHardToReadText() {
        Verdict v = gate.check("r", "Comprehensive cardiovascular rehabilitation substantially ameliorates functional "
                + "capacity, psychological wellbeing, and longitudinal mortality outcomes following myocardial infarction.");
        assertThat(v.decision()).isEqualTo(Decision.PUBLISH);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rules.READABILITY_GRADE);
            assertThat(f.category()).isEqualTo("readability");
            assertThat(f.start()).isZero();
            assertThat(f.message()).startsWith("Flesch-Kincaid grade ");
        });
        assertThat(gate.check("s", "Wash your hands. Stay home when you are sick. Drink water.").findings()).isEmpty();
    }

    @Test
    void urlsAndHashtagsDoNotCountForReadability() {
        String body = "Get your flu shot today at our clinic. It is quick and free. "
                + "https://valleyhealth.example/immunizations/seasonal-influenza-vaccination-information #InfluenzaVaccination";
        assertThat(gate.check("u", body).findings()).noneMatch(f -> f.rule().equals(Rules.READABILITY_GRADE));
    }

    @Test
    void shouldWarnAboutPlainHttpLinksInTheBodyWithTheirPosition() {
        String body = "Read more at http://valleyhealth.example/flu today.";
        Verdict v = gate.check("h", body);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rules.SECURITY_HTTPS);
            assertThat(body.substring(f.start(), f.end())).isEqualTo("http://valleyhealth.example/flu");
        });
    }

    @Test
    void shouldBlockAFacePhotoWithoutConsentButNotWithIt() {
        MediaInfo face = new MediaInfo("https://valleyhealth.example/p.jpg", "A patient smiling", "image/jpeg", true, null);
        MediaInfo consented = new MediaInfo("https://valleyhealth.example/p.jpg", "A patient smiling", "image/jpeg", true,
                "consent-2026-114");
        Verdict blocked = gate.check(new ComplianceInput("f", "Smiles all round!", null, List.of(), List.of(face), Set.of()));
        assertThat(blocked.decision()).isEqualTo(Decision.BLOCK);
        assertThat(blocked.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rules.PHI_PHOTO);
            assertThat(f.hasPosition()).isFalse();
            assertThat(f.message()).contains("media 1");
        });
        Verdict ok = gate.check(new ComplianceInput("f", "Smiles all round!", null, List.of(), List.of(consented), Set.of()));
        assertThat(ok.decision()).isEqualTo(Decision.PUBLISH);
    }

    @Test
    void shouldBlockAPersonalLink() {
        ComplianceInput in = new ComplianceInput("l", "Please support our patient.", "https://www.gofundme.com/f/help-sam",
                List.of(), List.of(), Set.of());
        assertThat(gate.check(in).findings()).anyMatch(f -> f.rule().equals(Rules.PHI_URL) && f.start() == -1);
    }

    @Test
    void shouldHoldProfanityInHashtags() {
        ComplianceInput in = new ComplianceInput("t", "Flu season is here.", null, List.of("DamnFlu"), List.of(), Set.of());
        Verdict v = gate.check(in);
        assertThat(v.decision()).isEqualTo(Decision.HOLD);
        assertThat(v.findings()).anyMatch(f -> f.rule().equals(Rules.CONDUCT_PROFANITY) && f.message().contains("hashtag 1"));
    }

    @Test
    void positionsPointAtWhatWasFound() {
        String body = "Patient DOB 09/02/1965, MRN 7720143, call 555-310-7788 or email pat.doe@gmail.com.";
        Verdict v = gate.check("x", body);
        assertThat(v.findings()).extracting(f -> f.rule() + "=" + body.substring(f.start(), f.end())).contains(
                "phi.date=09/02/1965", "phi.record-number=7720143", "phi.phone=555-310-7788",
                "phi.email=pat.doe@gmail.com");
        assertThat(v.findings()).isSortedAccordingTo(java.util.Comparator.comparingInt(Finding::start));
    }

    @Test
    void theSameNumberIsReportedOnce() {
        Verdict v = gate.check("x", "Her SSN 987-65-4320 was on the form.");
        assertThat(v.findings()).extracting(Finding::rule).containsExactly(Rules.PHI_SSN);
    }

    @Test
    void findingsCarryTheirCategory() {
        assertThat(gate.check("a", "Mrs. Okafor went home today after surgery.").findings())
                .anyMatch(f -> f.category().equals("phi"));
        assertThat(gate.check("b", "This damn flu.").findings()).allMatch(f -> f.category().equals("conduct"));
        assertThat(gate.check("c", "Our tea cures cancer.").findings()).anyMatch(f -> f.category().equals("claims"));
    }

    @Test
    void anEmptyBodyIsPublished() {
        assertThat(gate.check("e", "").decision()).isEqualTo(Decision.PUBLISH);
        assertThat(gate.check(new ComplianceInput(null, null, null, null, null, null)).decision()).isEqualTo(Decision.PUBLISH);
    }

    @Test
    void oneGateServesManyThreadsWithTheSameAnswers() {
        List<String> bodies = LabelledCases.parse(LabelledCases.PHI).stream().map(LabelledCases.Case::body).toList();
        List<Verdict> serial = bodies.stream().map(b -> gate.check("x", b)).toList();
        List<Verdict> parallel = IntStream.range(0, 8).boxed().parallel()
                .flatMap(k -> bodies.stream().map(b -> gate.check("x", b))).toList();
        for (int i = 0; i < parallel.size(); i++) {
            assertThat(parallel.get(i)).isEqualTo(serial.get(i % serial.size()));
        }
    }

    @Test
    void theVerdictCopiesThePostId() {
        assertThat(gate.check("flu-clinic-2026-11", "Flu shots now.").id()).isEqualTo("flu-clinic-2026-11");
    }
}

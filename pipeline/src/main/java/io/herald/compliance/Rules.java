package io.herald.compliance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of rule ids: what each one finds, its category and which parameters it takes.
 * Actions and parameter values live in the policy ({@code config/compliance.yaml} over the
 * built-in {@code default-policy.yaml}); this class only says what may be configured.
 */
public final class Rules {

    // Patient identifiers (HIPAA Safe Harbor): category "phi", always BLOCK.
    /** A patient's (or relative's) name: full names not on the staff list, Mr./Mrs. X, "my patient Carlos". */
    public static final String PHI_NAME = "phi.name";
    /** Street address, room or bed, or a town tied to a patient. */
    public static final String PHI_ADDRESS = "phi.address";
    /** A date (other than a year) tied to a person: birth, admission, discharge, death, visit. */
    public static final String PHI_DATE = "phi.date";
    /** An age over {@code maxAge} (89): "95th birthday", "a 92-year-old". "90 and older" is fine. */
    public static final String PHI_AGE = "phi.age";
    /** A phone or fax number that is not the practice's. */
    public static final String PHI_PHONE = "phi.phone";
    /** An email address that is not the practice's. */
    public static final String PHI_EMAIL = "phi.email";
    /** A social security number. */
    public static final String PHI_SSN = "phi.ssn";
    /** Medical record, health plan, account, claim, licence or certificate number. */
    public static final String PHI_RECORD_NUMBER = "phi.record-number";
    /** Vehicle or device identifier or serial number. */
    public static final String PHI_VEHICLE_DEVICE = "phi.vehicle-device";
    /** A personal URL: a social profile, a fundraiser page. */
    public static final String PHI_URL = "phi.url";
    /** An IP address. */
    public static final String PHI_IP = "phi.ip";
    /** Media marked as showing a face without a consent reference. */
    public static final String PHI_PHOTO = "phi.photo";
    /** Any other unique identifying number or code tied to a patient. */
    public static final String PHI_IDENTIFIER = "phi.identifier";
    /** A combination that singles a patient out: a named event or a notable person, with a time and a treatment. */
    public static final String PHI_COMBINATION = "phi.combination";
    /**
     * The text model's opinion that the post is about one identifiable patient when no rule above
     * found an identifier: parameter {@code threshold}, the model probability from which it blocks.
     */
    public static final String PHI_CONTEXT = "phi.context";

    // Conduct: category "conduct", HOLD by default.
    public static final String CONDUCT_PROFANITY = "conduct.profanity";
    /** Mostly upper-case text. */
    public static final String CONDUCT_SHOUTING = "conduct.shouting";
    /** Mocking or disparaging patients. */
    public static final String CONDUCT_DISPARAGING = "conduct.disparaging";
    /** Unprofessional offers: prescribing whatever is asked for, "no questions asked". */
    public static final String CONDUCT_UNPROFESSIONAL = "conduct.unprofessional";
    /**
     * The text model's opinion that the post is unprofessional or makes an unsupported claim when no
     * rule found it: parameter {@code threshold}, the model probability from which it holds.
     */
    public static final String CONDUCT_CONTEXT = "conduct.context";

    // Claims: category "claims", HOLD by default.
    public static final String CLAIMS_CURE = "claims.cure";
    public static final String CLAIMS_GUARANTEE = "claims.guarantee";
    public static final String CLAIMS_NO_RISK = "claims.no-risk";
    public static final String CLAIMS_MIRACLE = "claims.miracle";
    /** FDA approval claimed for what the FDA does not approve (supplements, a clinic, ...). */
    public static final String CLAIMS_FDA = "claims.fda";
    /** Well-known medical misinformation. */
    public static final String CLAIMS_MISINFORMATION = "claims.misinformation";

    // Disclosure: category "disclosure", HOLD by default.
    /** A patient testimonial without a disclosure ("results vary", #ad, ...). */
    public static final String DISCLOSURE_TESTIMONIAL = "disclosure.testimonial";
    /** Sponsored or affiliate content without a disclosure (#ad, #sponsored, "paid partnership"). */
    public static final String DISCLOSURE_SPONSORED = "disclosure.sponsored";

    // Patient-friendly: WARN by default.
    /** Flesch-Kincaid grade above {@code maxGrade} (URLs, hashtags and mentions removed). */
    public static final String READABILITY_GRADE = "readability.grade";
    /** An image without alt text. */
    public static final String ACCESSIBILITY_ALT_TEXT = "accessibility.alt-text";
    /** A link that is not https. */
    public static final String SECURITY_HTTPS = "security.https";

    /** The kind of a rule parameter. */
    public enum ParamType {
        INTEGER,
        NUMBER
    }

    /** What one rule is: its category and the parameters it accepts (with their allowed range). */
    public record Spec(String id, String category, Map<String, Param> params) {
        public boolean isPhi() {
            return "phi".equals(category);
        }
    }

    /** A rule parameter and its inclusive range. */
    public record Param(ParamType type, double min, double max) {}

    private static final Map<String, Spec> ALL = new LinkedHashMap<>();

    static {
        for (String id : new String[] {PHI_NAME, PHI_ADDRESS, PHI_DATE, PHI_PHONE, PHI_EMAIL, PHI_SSN,
            PHI_RECORD_NUMBER, PHI_VEHICLE_DEVICE, PHI_URL, PHI_IP, PHI_PHOTO, PHI_IDENTIFIER, PHI_COMBINATION}) {
            add(id, "phi", Map.of());
        }
        add(PHI_AGE, "phi", Map.of("maxAge", new Param(ParamType.INTEGER, 1, 130)));
        add(PHI_CONTEXT, "phi", Map.of("threshold", new Param(ParamType.NUMBER, 0.05, 0.99)));
        add(CONDUCT_PROFANITY, "conduct", Map.of());
        add(CONDUCT_SHOUTING, "conduct", Map.of(
                "minRun", new Param(ParamType.INTEGER, 2, 50),
                "minRatio", new Param(ParamType.NUMBER, 0.1, 1.0),
                "minWords", new Param(ParamType.INTEGER, 1, 50)));
        add(CONDUCT_DISPARAGING, "conduct", Map.of());
        add(CONDUCT_UNPROFESSIONAL, "conduct", Map.of());
        add(CONDUCT_CONTEXT, "conduct", Map.of("threshold", new Param(ParamType.NUMBER, 0.05, 0.99)));
        for (String id : new String[] {CLAIMS_CURE, CLAIMS_GUARANTEE, CLAIMS_NO_RISK, CLAIMS_MIRACLE, CLAIMS_FDA,
            CLAIMS_MISINFORMATION}) {
            add(id, "claims", Map.of());
        }
        add(DISCLOSURE_TESTIMONIAL, "disclosure", Map.of());
        add(DISCLOSURE_SPONSORED, "disclosure", Map.of());
        add(READABILITY_GRADE, "readability", Map.of(
                "maxGrade", new Param(ParamType.NUMBER, 1, 20),
                "minWords", new Param(ParamType.INTEGER, 0, 1000)));
        add(ACCESSIBILITY_ALT_TEXT, "accessibility", Map.of());
        add(SECURITY_HTTPS, "security", Map.of());
    }

    private Rules() {}

    private static void add(String id, String category, Map<String, Param> params) {
        ALL.put(id, new Spec(id, category, params));
    }

    /** Every rule id, in catalogue order. */
    public static Set<String> ids() {
        return java.util.Collections.unmodifiableSet(ALL.keySet());
    }

    /** The spec of a rule id, or null when there is no such rule. */
    public static Spec spec(String id) {
        return ALL.get(id);
    }
}

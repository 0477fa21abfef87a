package io.herald.approval;

import static io.herald.approval.ApprovalFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every single change to a signed post, anywhere but approval.signature, breaks the signature. */
class ApprovalTamperTest {

    private static final KeyPair KEY = KeyFiles.generate();
    private static final ApprovalVerifier VERIFIER = ApprovalFixtures.verifier("compliance-officer", KEY);

    private static ObjectNode signed() {
        return ApprovalSigner.sign(ApprovalFixtures.post(), KEY.getPrivate(), "compliance-officer", NOW, List.of("READ-001"));
    }

    @org.junit.jupiter.api.Test
    void oneApprovalCoversEveryOccurrenceAndChangingTheRepeatBreaksIt() {
        ObjectNode post = ApprovalFixtures.post();
        post.putObject("repeat").put("every", "P7D").put("count", 4);
        ObjectNode signed = ApprovalSigner.sign(post, KEY.getPrivate(), "compliance-officer", NOW, List.of());
        assertThat(VERIFIER.verify(signed).ok()).isTrue();

        ((ObjectNode) signed.get("repeat")).put("count", 40);

        assertThat(VERIFIER.verify(signed).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
    }

    @TestFactory
    Stream<DynamicTest> changingAnyValueBreaksTheSignature() {
        List<String> paths = new ArrayList<>();
        collectLeaves(signed(), "", paths);
        paths.remove("/approval/signature");
        assertThat(paths).contains("/approval/approvedAt", "/approval/approvedBy", "/approval/acknowledged/0",
                "/media/0/altText", "/extra/signature", "/revision", "/weight");
        return paths.stream().map(path -> DynamicTest.dynamicTest("change " + path, () -> {
            ObjectNode post = signed();
            replace(post, path, leaf -> leaf.isTextual() ? new TextNode(leaf.asText() + "x") : new TextNode("0" + leaf.asText()));
            assertThat(VERIFIER.verify(post).failure()).isIn(ApprovalFailure.CONTENT_CHANGED, ApprovalFailure.UNKNOWN_APPROVER);
        }));
    }

    @TestFactory
    Stream<DynamicTest> removingAnyFieldBreaksTheSignature() {
        List<String> paths = new ArrayList<>();
        collectFields(signed(), "", paths);
        paths.remove("/approval/signature");
        paths.remove("/approval");
        paths.remove("/approval/approvedBy");
        return paths.stream().map(path -> DynamicTest.dynamicTest("remove " + path, () -> {
            ObjectNode post = signed();
            int slash = path.lastIndexOf('/');
            ((ObjectNode) post.at(path.substring(0, slash))).remove(path.substring(slash + 1));
            assertThat(VERIFIER.verify(post).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
        }));
    }

    @TestFactory
    Stream<DynamicTest> addingAFieldAnywhereBreaksTheSignature() {
        List<String> objects = new ArrayList<>();
        collectObjects(signed(), "", objects);
        return objects.stream().map(path -> DynamicTest.dynamicTest("add to " + (path.isEmpty() ? "/" : path), () -> {
            ObjectNode post = signed();
            ((ObjectNode) post.at(path)).put("added", "value");
            assertThat(VERIFIER.verify(post).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
        }));
    }

    private static void collectLeaves(JsonNode node, String path, List<String> out) {
        if (node instanceof ContainerNode<?>) {
            forEachChild(node, path, (child) -> collectLeaves(child.getValue(), child.getKey(), out));
        } else {
            out.add(path);
        }
    }

    private static void collectFields(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> out.add(path + "/" + e.getKey()));
        }
        forEachChild(node, path, child -> collectFields(child.getValue(), child.getKey(), out));
    }

    private static void collectObjects(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            out.add(path);
        }
        forEachChild(node, path, child -> collectObjects(child.getValue(), child.getKey(), out));
    }

    private static void forEachChild(JsonNode node, String path, Consumer<Map.Entry<String, JsonNode>> each) {
        if (node.isObject()) {
            node.properties().forEach(e -> each.accept(Map.entry(path + "/" + e.getKey(), e.getValue())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                each.accept(Map.entry(path + "/" + i, node.get(i)));
            }
        }
    }

    private static void replace(ObjectNode root, String path, java.util.function.UnaryOperator<JsonNode> change) {
        int slash = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, slash));
        String last = path.substring(slash + 1);
        if (parent instanceof ArrayNode array) {
            int i = Integer.parseInt(last);
            array.set(i, change.apply(array.get(i)));
        } else {
            ((ObjectNode) parent).set(last, change.apply(parent.get(last)));
        }
    }
}

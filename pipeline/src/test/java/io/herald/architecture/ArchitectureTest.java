package io.herald.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;
import io.herald.connector.Connectors;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rules that keep the modules honest, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses herald;

    @BeforeAll
    static void importClasses() {
        herald = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.herald");
    }

    @Test
    void theConnectorSpiShouldKnowNothingOfCamelOrKafka() {
        noClasses().that().resideInAPackage("io.herald.connector")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.apache.kafka..")
                .check(herald);
    }

    @Test
    void connectorsShouldNotDependOnThePipeline() {
        noClasses().that().resideInAPackage("io.herald.connector..")
                .should().dependOnClassesThat().resideInAnyPackage("io.herald.app..", "io.herald.ingest..",
                        "io.herald.dispatch..", "io.herald.store..", "io.herald.audit..", "io.herald.cli..")
                .check(herald);
    }

    @Test
    void thePipelineShouldReachConnectorsOnlyThroughTheSpi() {
        noClasses().that().resideOutsideOfPackage("io.herald.connector..")
                .should().dependOnClassesThat().resideInAPackage("io.herald.connector.mastodon..")
                .check(herald);
    }

    @Test
    void theComplianceGateShouldNotDependOnKafkaOrCamel() {
        noClasses().that().resideInAPackage("io.herald.compliance..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.apache.kafka..")
                .check(herald);
    }

    @Test
    void shouldLoadAllBuiltInConnectors() {
        var platforms = ServiceLoader.load(ConnectorProvider.class).stream()
                .map(p -> p.get().platform()).collect(Collectors.toSet());
        assertThat(platforms).containsExactlyInAnyOrder("bluesky", "facebook", "instagram", "linkedin", "mastodon", "threads", "webhook", "x");
        assertThat(Connectors.load(ConnectorContext.defaults()).platforms()).isEqualTo(platforms);
    }
}

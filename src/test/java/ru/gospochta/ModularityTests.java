package ru.gospochta;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;
import fixtures.violating.ViolatingApplication;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(Gospochta.class);

    @Test
    @DisplayName("Modules reach each other only through their API packages and allowed dependencies")
    void verifiesModuleStructure() {
        MODULES.verify();
    }

    @Test
    @DisplayName("The check fails when a module reaches into another module's internal package")
    void failsOnAccessToInternals() {
        ImportOption everything = location -> true;
        ApplicationModules violating = ApplicationModules.of(ViolatingApplication.class, everything);

        assertThatThrownBy(violating::verify)
                .isInstanceOf(Violations.class)
                .hasMessageContaining("fixtures.violating.alpha.internal.AlphaSecret")
                .hasMessageContaining("beta");
    }

    @Test
    @DisplayName("Module documentation (C4 and module canvases) is written to target/spring-modulith-docs")
    void writesDocumentation() {
        new Documenter(MODULES).writeDocumentation().writeIndividualModulesAsPlantUml();
    }
}

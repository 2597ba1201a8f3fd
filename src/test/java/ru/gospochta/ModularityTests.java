package ru.gospochta;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(Gospochta.class);

    @Test
    @DisplayName("Modules reach each other only through their API packages and allowed dependencies")
    void verifiesModuleStructure() {
        MODULES.verify();
    }

    @Test
    @DisplayName("Module documentation (C4 and module canvases) is written to target/spring-modulith-docs")
    void writesDocumentation() {
        new Documenter(MODULES).writeDocumentation().writeIndividualModulesAsPlantUml();
    }
}

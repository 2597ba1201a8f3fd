package ru.gospochta.identity.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.DependencyType;

import ru.gospochta.Gospochta;
import ru.gospochta.identity.ContactsReset;

/** Identity tells of a reset by an event; it never calls the contacts module, which listens. */
class ContactsResetModuleTests {

    static final ApplicationModules MODULES = ApplicationModules.of(Gospochta.class);

    @Test
    @DisplayName("CNT-7: contacts listens to ContactsReset, a type of identity's API")
    void contactsListensToTheReset() {
        ApplicationModule contacts = MODULES.getModuleByName("contacts").orElseThrow();
        ApplicationModule identity = MODULES.getModuleByName("identity").orElseThrow();

        assertThat(contacts.getEventsListenedTo(MODULES)).extracting(JavaClass::getName)
                .contains(ContactsReset.class.getName());
        assertThat(identity.contains(ContactsReset.class)).isTrue();
        assertThat(identity.isExposed(ContactsReset.class)).isTrue();
        assertThat(contacts.getDirectDependencies(MODULES, DependencyType.EVENT_LISTENER).containsModuleNamed("identity"))
                .isTrue();
    }

    @Test
    @DisplayName("CNT-7: identity does not depend on contacts, directly or through another module")
    void identityDoesNotDependOnContacts() {
        ApplicationModule identity = MODULES.getModuleByName("identity").orElseThrow();

        assertThat(identity.getAllDependencies(MODULES).containsModuleNamed("contacts")).isFalse();
    }
}

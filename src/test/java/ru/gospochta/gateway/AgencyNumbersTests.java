package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.gateway.internal.AgencyDetails;
import ru.gospochta.gateway.internal.Ogrn;
import ru.gospochta.gateway.internal.OrganisationInn;
import ru.gospochta.gateway.internal.RegistryRefused;

/** The numbers an agency is registered under, checked as the tax service computes them (GW-1). */
class AgencyNumbersTests {

    @Test
    @DisplayName("GW-1: the Federal Tax Service's OGRN and INN pass their checks, typed with spaces or hyphens")
    void realNumbersPass() {
        assertThat(Ogrn.parse(" 1 047707 030513 ").digits()).isEqualTo("1047707030513");
        assertThat(OrganisationInn.parse("7707-329152").digits()).isEqualTo("7707329152");
    }

    @Test
    @DisplayName("GW-1: an OGRN with a wrong check digit or length is refused with its own message")
    void wrongOgrnRefused() {
        assertThatThrownBy(() -> Ogrn.parse("1047707030514")).isInstanceOf(RegistryRefused.class)
                .satisfies(e -> assertThat(((RegistryRefused) e).problems()).containsEntry("ogrn", "gateway.agency.ogrn.checksum"));
        assertThatThrownBy(() -> Ogrn.parse("104770703051")).isInstanceOf(RegistryRefused.class)
                .satisfies(e -> assertThat(((RegistryRefused) e).problems()).containsEntry("ogrn", "gateway.agency.ogrn.format"));
        assertThatThrownBy(() -> Ogrn.parse("10477070305l3")).isInstanceOf(RegistryRefused.class);
    }

    @Test
    @DisplayName("GW-1: an INN with a wrong check digit is refused, and a person's 12-digit INN is not an organisation's")
    void wrongInnRefused() {
        assertThatThrownBy(() -> OrganisationInn.parse("7707329153")).isInstanceOf(RegistryRefused.class)
                .satisfies(e -> assertThat(((RegistryRefused) e).problems()).containsEntry("inn", "gateway.agency.inn.checksum"));
        assertThatThrownBy(() -> OrganisationInn.parse("500100732259")).isInstanceOf(RegistryRefused.class)
                .satisfies(e -> assertThat(((RegistryRefused) e).problems()).containsEntry("inn", "gateway.agency.inn.format"));
    }

    @Test
    @DisplayName("GW-1: agency details are checked as a whole, every problem named, names tidied of control characters and runs of spaces")
    void detailsCollectEveryProblem() {
        assertThatThrownBy(() -> AgencyDetails.parse("", "Ф", "123", "7707329153"))
                .isInstanceOf(RegistryRefused.class)
                .satisfies(e -> assertThat(((RegistryRefused) e).problems()).containsOnlyKeys("name", "shortName", "ogrn", "inn"));

        AgencyDetails tidy = AgencyDetails.parse("  Федеральная\u0000 налоговая\n\nслужба ", "ФНС\tРоссии", "1047707030513",
                "7707329152");

        assertThat(tidy.name()).isEqualTo("Федеральная налоговая служба");
        assertThat(tidy.shortName()).isEqualTo("ФНС России");
    }
}

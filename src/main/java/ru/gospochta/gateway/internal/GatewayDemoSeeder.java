package ru.gospochta.gateway.internal;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import ru.gospochta.gateway.CredentialKind;
import ru.gospochta.platform.DemoCredential;
import ru.gospochta.platform.DemoSecrets;
import ru.gospochta.platform.DemoSeeder;

/**
 * The demo agency: the Federal Tax Service with one system and a live credential, so a newcomer
 * can get a token and call the API at once. The secret is generated on the first run and kept.
 */
@Component
class GatewayDemoSeeder implements DemoSeeder {

    static final String ROLE = "agency-api-client";
    static final String CLIENT_ID = "demo-fns";
    static final String ACTOR = "system:demo";
    static final String OGRN = "1047707030513";
    static final String INN = "7707329152";
    static final String SYSTEM = "АИС «Налог-3»";

    private final Agencies agencies;
    private final AgencyRegistry registry;
    private final Credentials credentials;
    private final ClientSecrets secrets;
    private final ActiveCredentials active;
    private final Clock clock;

    GatewayDemoSeeder(Agencies agencies, AgencyRegistry registry, Credentials credentials, ClientSecrets secrets,
            ActiveCredentials active, Clock clock) {
        this.agencies = agencies;
        this.registry = registry;
        this.credentials = credentials;
        this.secrets = secrets;
        this.active = active;
        this.clock = clock;
    }

    @Override
    public List<DemoCredential> seed(DemoSecrets demoSecrets) {
        String secret = demoSecrets.get(ROLE, secrets::newSecret);
        Agency agency = agencies.byOgrn(OGRN).orElseGet(() -> registry.register(
                AgencyDetails.parse("Федеральная налоговая служба", "ФНС России", OGRN, INN), ACTOR, null));
        AgencySystem system = agencies.systemNamed(agency.id(), SYSTEM)
                .orElseGet(() -> registry.addSystem(agency.id(), SYSTEM, ACTOR, null));
        boolean inForce = credentials.owned(CLIENT_ID)
                .filter(owned -> owned.credential().active() && owned.system().id().equals(system.id()))
                .filter(owned -> secrets.matches(secret, owned.credential().secretHash()))
                .isPresent();
        if (!inForce) {
            credentials.seedDemo(new Credential(UUID.randomUUID(), system.id(), CLIENT_ID, secrets.hash(secret),
                    CredentialKind.LIVE, EnumSet.allOf(Scope.class), clock.instant(), ACTOR, null, null));
            active.forget(CLIENT_ID);
        }
        return List.of(new DemoCredential(ROLE, "POST /oauth2/token, then GET /api/v1/whoami", CLIENT_ID, secret));
    }
}

package ru.gospochta.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.WebClient;
import ru.gospochta.identity.internal.account.Accounts;

/**
 * ACC-3/ACC-4: across registration, confirmation, sign-in, the cabinet and the security pages no
 * response carries the password, a code that was sent, or a stored hash — in its body or headers.
 */
@IdentityTest
class NoSecretsInPagesTests {

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @LocalServerPort int port;

    @BeforeEach
    void fresh() {
        Limits.reset(db);
    }

    @Test
    @DisplayName("ACC-3, ACC-4: no page or response contains the password, an SMS code or a hash")
    void noSecretsAnywhere() {
        String phone = TestCitizens.newPhone();
        String password = "Sosna-U-Dorogi-1987!";
        WebClient browser = new WebClient(port);
        List<String> secrets = new ArrayList<>(List.of(password));

        String form = browser.get("/register").body();
        Map<String, String> fields = new java.util.HashMap<>(Map.of("phone", phone, "surname", "Орлов", "name", "Пётр",
                "birthDate", "02.02.1977", "passport", "40 05 111222", "address", "г. Пермь, ул. Ленина, д. 1, кв. 2",
                "snils", TestCitizens.newSnils(), "password", password, "passwordRepeat", password + "x"));
        fields.put("_csrf", WebClient.csrfToken(form));
        browser.postForm("/register", fields);
        fields.put("passwordRepeat", password);
        fields.put("agreement", "true");
        browser.postForm("/register", fields);
        String code = Limits.lastCode(db, phone);
        secrets.add(code);
        String confirm = browser.get("/register/confirm").body();
        browser.postForm("/register/confirm", Map.of("code", "000001".equals(code) ? "000002" : "000001", "_csrf", WebClient.csrfToken(confirm)));
        browser.postForm("/register/confirm", Map.of("code", code, "_csrf", WebClient.csrfToken(confirm)));
        String cabinet = browser.get("/cabinet").body();
        browser.get("/security");
        browser.get("/security/password");
        browser.postForm("/register/strength", Map.of("password", password, "_csrf", WebClient.csrfToken(cabinet)));
        browser.postForm("/logout", Map.of("_csrf", WebClient.csrfToken(cabinet)));

        Limits.reset(db);
        WebClient again = new WebClient(port);
        String login = again.get("/login").body();
        again.postForm("/login", Map.of("identifier", phone, "password", password + "-wrong", "_csrf", WebClient.csrfToken(login)));
        again.postForm("/login", Map.of("identifier", phone, "password", password, "_csrf", WebClient.csrfToken(login)));
        String signInCode = Limits.lastCode(db, phone);
        secrets.add(signInCode);
        String factor = again.get("/login/second-factor").body();
        again.postForm("/login/second-factor", Map.of("method", "SMS", "code", signInCode, "_csrf", WebClient.csrfToken(factor)));
        again.get("/cabinet");
        again.get("/security");

        String hash = accounts.byPhone(phone).orElseThrow().passwordHash();
        List<HttpResponse<String>> responses = new ArrayList<>(browser.history());
        responses.addAll(again.history());
        assertThat(responses).hasSizeGreaterThan(12);
        for (HttpResponse<String> response : responses) {
            String everything = response.headers().map() + "\n" + response.body();
            String where = response.request().method() + " " + response.request().uri().getPath();
            assertThat(everything).as(where).doesNotContain("$argon2").doesNotContain(hash);
            for (String secret : secrets) {
                assertThat(everything).as(where).doesNotContain(secret);
            }
        }
    }
}

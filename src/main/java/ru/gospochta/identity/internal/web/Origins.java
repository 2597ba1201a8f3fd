package ru.gospochta.identity.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.RequestContextUtils;

import ru.gospochta.identity.internal.session.Devices;
import ru.gospochta.identity.internal.signin.CitizenSignIn;

/** Where a request comes from, as the sign-in rules need it. */
final class Origins {

    private Origins() {
    }

    static CitizenSignIn.Origin of(HttpServletRequest request) {
        return new CitizenSignIn.Origin(request.getRemoteAddr(), Devices.describe(request.getHeader("User-Agent")),
                RequestContextUtils.getLocale(request));
    }
}

package ru.gospochta.gateway.internal.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import ru.gospochta.gateway.internal.NotInRegistry;

/** An address naming an agency, system or key that is not there ends on the 404 page. */
@ControllerAdvice(assignableTypes = {AgencyController.class, CredentialController.class, SystemLimitsController.class,
        CallbackController.class})
class RegistryNotFound {

    @ExceptionHandler(NotInRegistry.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}

package ru.gospochta.platform.internal.mail;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/dkim} for administrators (the actuator answers no one else): the DNS
 * record to publish so receivers can check the DKIM signature of our letters, in every mail
 * mode, also where no catcher page exists.
 */
@Component
@Endpoint(id = "dkim")
class DkimEndpoint {

    private final ObjectProvider<DkimSigner> signer;

    DkimEndpoint(ObjectProvider<DkimSigner> signer) {
        this.signer = signer;
    }

    @ReadOperation
    public Map<String, Object> record() {
        DkimSigner active = signer.getIfAvailable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", active != null);
        if (active != null) {
            DkimKey key = active.key();
            body.put("domain", key.domain());
            body.put("selector", key.selector());
            body.put("name", key.recordName());
            body.put("type", "TXT");
            body.put("value", key.recordValue());
            body.put("zoneFileLine", key.zoneFileLine());
        }
        return body;
    }
}

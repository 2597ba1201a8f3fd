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
            // The first signature's record at the top level, as before there could be several.
            body.putAll(record(active.keys().getFirst()));
            body.put("records", active.keys().stream().map(DkimEndpoint::record).toList());
        }
        return body;
    }

    private static Map<String, Object> record(DkimKey key) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("algorithm", key.algorithm().tag());
        record.put("domain", key.domain());
        record.put("selector", key.selector());
        record.put("name", key.recordName());
        record.put("type", "TXT");
        record.put("value", key.recordValue());
        record.put("zoneFileLine", key.zoneFileLine());
        return record;
    }
}

package ru.gospochta.notify.internal.channels;

import java.net.http.HttpClient;
import java.util.List;

import org.springframework.stereotype.Component;

import ru.gospochta.identity.CitizenSms;
import ru.gospochta.notify.internal.NotifyProperties;
import ru.gospochta.notify.internal.delivery.Provider;
import ru.gospochta.notify.internal.delivery.ProviderSource;

/** One provider per configured SMS operator, sharing one HTTP client. */
@Component
class SmsOperators implements ProviderSource {

    private final List<Provider> operators;

    SmsOperators(NotifyProperties properties, CitizenSms phones) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(HttpSmsProvider.TIMEOUT).build();
        this.operators = properties.sms().stream().<Provider>map(o -> new HttpSmsProvider(o, phones, http)).toList();
    }

    @Override
    public List<Provider> providers() {
        return operators;
    }
}

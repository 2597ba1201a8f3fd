package ru.gospochta;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Gospochta: the official mailbox and notification platform of the government services portal. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class Gospochta {

    public static void main(String[] args) {
        SpringApplication.run(Gospochta.class, args);
    }
}

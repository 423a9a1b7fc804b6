package fr.guichetbio.devidp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DevIdentityProviderApplication {

    public static void main(String[] args) {
        SpringApplication.run(DevIdentityProviderApplication.class, args);
    }
}

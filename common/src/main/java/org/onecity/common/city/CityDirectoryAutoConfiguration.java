package org.onecity.common.city;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
@EnableConfigurationProperties(CityDirectoryProperties.class)
public class CityDirectoryAutoConfiguration {

    @Bean
    CityDirectory cityDirectory(CityDirectoryProperties properties) {
        return new CityDirectory(properties.hospitals());
    }
}

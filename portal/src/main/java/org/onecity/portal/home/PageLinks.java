package org.onecity.portal.home;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The pages' links as written. Spring Boot would pass every link of every page through its resource URL filter, to
 * give WebJar scripts their version in the path; it looks each link up among the static resources first, which was
 * three quarters of the portal's time on a 2,000-row timeline. The pages ask for the script by its path without a
 * version, which the WebJar resolver serves, so the filter is switched off.
 */
@Configuration(proxyBeanMethods = false)
class PageLinks {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> off = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        off.setEnabled(false);
        return off;
    }
}

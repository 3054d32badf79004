package org.onecity.imaging.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.onecity.common.security.BreakGlassHeader;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A break-glass reason that cannot be read ({@link BreakGlassHeader}) is refused with 400 on every route, after the
 * token is checked and before anything is read or logged; past this filter the reason is always readable.
 */
@Component
class BreakGlassReasonCheck extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (BreakGlassHeader.read(request.getHeader(BreakGlassHeader.NAME)) instanceof BreakGlassHeader.Malformed m) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "https://onecity.example/problems/break-glass-reason");
            problem.put("title", HttpStatus.BAD_REQUEST.getReasonPhrase());
            problem.put("status", HttpStatus.BAD_REQUEST.value());
            problem.put("detail", m.problem());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }
}

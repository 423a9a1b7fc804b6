package fr.guichetbio.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.support.TestDatabase;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The generated API description and the endpoints stay in step: every route of the API ({@code /api/**}) and of any
 * other {@code @RestController} (public JSON) is documented with its method and parameters, every documented route
 * exists, and the document is valid OpenAPI 3.1. Routes come from the application's own request mappings, so a new
 * endpoint is covered without touching this test.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1"
        })
@AutoConfigureMockMvc
class ApiDocumentationTest {

    /** A path parameter, query parameter or header as documented: {@code in} and name. */
    record Param(String in, String name) {
        @Override
        public String toString() {
            return in + ":" + name;
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String json;
    private OpenAPI document;

    @BeforeEach
    void readTheDocument() throws Exception {
        json = mvc.perform(get("/api/openapi"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        // Kept for reading (and for clients' code generators) next to the test reports.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/openapi.json"), json);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        document = parsed.getOpenAPI();
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        assertThat(document.getOpenapi()).startsWith("3.1.");
        assertThat(document.getSpecVersion()).isEqualTo(SpecVersion.V31);
        // Every operation has a summary and at least its success answer; every schema reference resolves.
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    assertThat(operation.getSummary())
                            .as("summary of %s %s", method, path)
                            .isNotBlank();
                    assertThat(operation.getResponses())
                            .as("responses of %s %s", method, path)
                            .isNotEmpty();
                }));
        List<String> references = new ArrayList<>();
        java.util.regex.Matcher ref = java.util.regex.Pattern.compile("\"\\$ref\":\"#/components/schemas/([^\"]+)\"")
                .matcher(json);
        while (ref.find()) {
            references.add(ref.group(1));
        }
        assertThat(document.getComponents().getSchemas().keySet()).containsAll(references);
    }

    /** The hand-written file's address still answers, now with the generated document (YAML). */
    @Test
    void theFormerYamlAddressServesTheGeneratedDocument() throws Exception {
        String yaml = mvc.perform(get("/api/openapi.yaml"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml, null, new ParseOptions());
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths().keySet())
                .containsExactlyInAnyOrderElementsOf(document.getPaths().keySet());
    }

    @Test
    void everyApiRouteIsDocumentedWithItsParametersAndEveryDocumentedRouteExists() throws Exception {
        Map<String, HandlerMethod> routes = apiRoutes();
        assertThat(routes).containsKeys("GET /api/search", "GET /api/dimensionnement", "GET /api/formations");

        Map<String, Operation> documented = new TreeMap<>();
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> documented.put(method.name() + " " + path, operation)));

        assertThat(documented.keySet()).as("routes not documented").containsAll(routes.keySet());
        assertThat(routes.keySet()).as("documented routes that do not exist").containsAll(documented.keySet());

        for (Map.Entry<String, HandlerMethod> route : routes.entrySet()) {
            Operation operation = documented.get(route.getKey());
            assertThat(documentedParameters(operation))
                    .as("parameters of %s", route.getKey())
                    .containsExactlyInAnyOrderElementsOf(parametersOf(route.getKey(), route.getValue()));
            if (readsABody(route.getValue())) {
                assertThat(operation.getRequestBody())
                        .as("request body of %s", route.getKey())
                        .isNotNull();
                assertThat(operation.getRequestBody().getContent()).isNotEmpty();
            }
        }
    }

    /** The parameters a handler reads; those read from a whole map are named by the code that reads them. */
    private Set<Param> parametersOf(String route, HandlerMethod handler) throws Exception {
        Set<Param> parameters = new TreeSet<>(java.util.Comparator.comparing(Param::toString));
        for (MethodParameter parameter : handler.getMethodParameters()) {
            boolean map = Map.class.isAssignableFrom(parameter.getParameterType());
            PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (path != null) {
                parameters.add(new Param("path", name(path.name(), parameter)));
            } else if (query != null && !map) {
                parameters.add(new Param("query", name(query.name(), parameter)));
            } else if (query != null) {
                readFromAMap(route).forEach(name -> parameters.add(new Param("query", name)));
            } else if (header != null) {
                parameters.add(
                        new Param("header", name(header.name(), parameter).toLowerCase(Locale.ROOT)));
            }
        }
        return parameters;
    }

    /**
     * The names of the parameters a handler reads from a map ({@code @RequestParam Map}), from the code that reads
     * them. A new handler of this kind fails here until its names are told.
     */
    private Collection<String> readFromAMap(String route) throws Exception {
        return switch (route) {
            case "GET /api/search" -> invokeStatic("fr.guichetbio.portal.search.SearchParameters", "names");
            case "GET /api/dimensionnement" -> fr.guichetbio.portal.matchmaking.sizing.SizingParameters.names();
            case "GET /api/formations" -> courseFilterNames();
            // Form fields of the body (OAuth2 requires them there): not query parameters.
            case "POST /api/oauth/token" -> List.of();
            default -> throw new AssertionError(route + " reads its parameters from a map: name them in this test");
        };
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> invokeStatic(String type, String method) throws Exception {
        Method names = Class.forName(type).getDeclaredMethod(method);
        names.setAccessible(true);
        return (Collection<String>) names.invoke(null);
    }

    private Collection<String> courseFilterNames() throws Exception {
        Class<?> type = Class.forName("fr.guichetbio.portal.learning.web.CourseFilters");
        Method filters = type.getDeclaredMethod("filters", List.class);
        filters.setAccessible(true);
        List<String> names = new ArrayList<>();
        for (Object filter : (List<?>) filters.invoke(context.getBean(type), List.of())) {
            Method name = filter.getClass().getDeclaredMethod("name");
            name.setAccessible(true);
            names.add((String) name.invoke(filter));
        }
        return names;
    }

    private static String name(String declared, MethodParameter parameter) {
        return declared.isEmpty() ? parameter.getParameterName() : declared;
    }

    private static boolean readsABody(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return true;
            }
        }
        return false;
    }

    private static List<Param> documentedParameters(Operation operation) {
        List<Param> parameters = new ArrayList<>();
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                String name = parameter.getIn().equals("header")
                        ? parameter.getName().toLowerCase(Locale.ROOT)
                        : parameter.getName();
                parameters.add(new Param(parameter.getIn(), name));
            }
        }
        return parameters;
    }

    /**
     * The routes to document, from the application's request mappings: under {@code /api/} or on a
     * {@code @RestController}, except springdoc's own (the document and the console's configuration).
     */
    private Map<String, HandlerMethod> apiRoutes() {
        Map<String, HandlerMethod> routes = new TreeMap<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("org.springdoc")) {
                return;
            }
            boolean rest = AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), RestController.class);
            for (String pattern : patternsOf(info)) {
                if (rest || pattern.startsWith("/api/")) {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        routes.put(method.name() + " " + pattern, handler);
                    }
                }
            }
        });
        return routes;
    }

    private static Set<String> patternsOf(RequestMappingInfo info) {
        Set<String> patterns = new TreeSet<>(info.getPatternValues());
        patterns.remove("/error");
        return patterns;
    }
}

package dev.th.server;

import io.javalin.http.Handler;
import java.util.List;

/**
 * One entry of the route table: what the server answers, who may ask, and the query parameters
 * it takes. {@link OpenApi} and the tenant-isolation tests are generated from this table.
 *
 * @param method GET or PATCH
 * @param path Javalin path ({@code {name}} for path parameters)
 * @param summary one line for the OpenAPI document
 * @param role the least role a token needs; null for public routes (health, metrics, openapi)
 * @param params the query parameters
 * @param handler what answers
 */
record Route(String method, String path, String summary, Role role, List<String> params, Handler handler) {
}

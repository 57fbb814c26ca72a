package io.github.dbexec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTreesTest {
  @Test
  void merge_patchWithObjectsArraysAndNulls_followsRfc7396() {
    Map<String, Object> target = JsonTrees.parseObject("t",
        "{\"a\": {\"b\": 1, \"c\": 2}, \"list\": [1, 2], \"gone\": true, \"keep\": \"x\"}");
    Map<String, Object> patch = JsonTrees.parseObject("p",
        "{\"a\": {\"c\": null, \"d\": 3}, \"list\": [9], \"gone\": null, \"new\": {\"n\": null, \"m\": 1}}");

    Map<String, Object> merged = JsonTrees.merge(target, patch);

    assertThat(JsonTrees.toJson(merged).readUtf8())
        .isEqualTo("{\"a\":{\"b\":1,\"d\":3},\"list\":[9],\"keep\":\"x\",\"new\":{\"m\":1}}");
  }

  @Test
  void compose_twoPatches_keepsNullsForTheLaterMerge() {
    Map<String, Object> first = JsonTrees.parseObject("f", "{\"a\": {\"x\": 1}, \"b\": 2}");
    Map<String, Object> second = JsonTrees.parseObject("s", "{\"a\": {\"y\": null}, \"b\": null}");

    Map<String, Object> composed = JsonTrees.compose(first, second);

    assertThat(JsonTrees.toJson(composed).readUtf8()).isEqualTo("{\"a\":{\"x\":1,\"y\":null},\"b\":null}");
    assertThat(JsonTrees.merge(Map.of("b", 5, "c", 6), composed)).isEqualTo(Map.of("a", Map.of("x",
        new java.math.BigDecimal("1")), "c", 6));
  }

  @Test
  void parseObject_numbers_keepTheirExactDigits() {
    Map<String, Object> tree = JsonTrees.parseObject("f", "{\"i\": 3, \"big\": 12345678901234567890, \"d\": 0.10}");

    assertThat(JsonTrees.toJson(tree).readUtf8()).isEqualTo("{\"i\":3,\"big\":12345678901234567890,\"d\":0.10}");
  }

  @Test
  void copyObject_mapWithNestedCollections_isAnImmutableCopy() {
    Map<String, Object> source = new HashMap<>();
    source.put("list", new java.util.ArrayList<>(List.of(1, "two")));

    Map<String, Object> copy = JsonTrees.copyObject("f", source);
    ((List<Object>) source.get("list")).add(3);

    assertThat(copy).isEqualTo(Map.of("list", List.of(1, "two")));
  }
}

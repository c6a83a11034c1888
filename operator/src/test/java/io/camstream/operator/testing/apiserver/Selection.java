package io.camstream.operator.testing.apiserver;

/** What a list or watch selects: namespace, labels and fields. */
record Selection(String namespace, LabelSelector labels, FieldSelector fields) {

  boolean matches(StoredObject object) {
    if (namespace != null && !namespace.equals(object.namespace())) {
      return false;
    }
    return labels.matches(object.labels()) && fieldsMatch(fields, object);
  }

  /** Only selectors on other fields than the name and namespace parse the stored object. */
  static boolean fieldsMatch(FieldSelector fields, StoredObject object) {
    return fields.isEmpty() || fields.matches(object);
  }

  /** Without selectors the API server reports how many items are left after a page. */
  boolean selectsEverything() {
    return labels.isEmpty() && fields.isEmpty();
  }
}

package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Defaults applied to every camera's streamer unless the camera overrides them. */
public class StreamerDefaultsSpec {
  @Pattern(ContainerImage.PATTERN)
  @Size(min = 1, max = ContainerImage.MAX_LENGTH)
  private String image;

  private ResourceRequirements resources;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }
}

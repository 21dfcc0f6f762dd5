# SYNTAX TEST "source.dockerfile" "flags of RUN, COPY, ADD, FROM and HEALTHCHECK"
COPY --from=build --chown=app:app --chmod=755 --link --exclude=*.md --parents ./src /app/
#    ^^^^^^ meta.instruction.copy.dockerfile entity.other.attribute-name.flag.dockerfile
#                 ^^^^^^^ meta.instruction.copy.dockerfile entity.other.attribute-name.flag.dockerfile
#                                 ^^^^^^^ meta.instruction.copy.dockerfile entity.other.attribute-name.flag.dockerfile
#                                             ^^^^^^ meta.instruction.copy.dockerfile entity.other.attribute-name.flag.dockerfile
#                                                    ^^^^^^^^^ meta.instruction.copy.dockerfile entity.other.attribute-name.flag.dockerfile
#                                                                   ^^^^^^^^^ meta.instruction.copy.dockerfile entity.other.attribute-name.flag.dockerfile
#           ^^^^^ entity.name.type.stage.dockerfile
#                         ^^^^^^^ string.unquoted.flag-value.dockerfile
#                                         ^^^ constant.numeric.octal.dockerfile
#                                                              ^^^^ string.unquoted.flag-value.dockerfile
#                                                                             ^^^^^ - entity.other.attribute-name.flag.dockerfile string.unquoted.flag-value.dockerfile
COPY --from=0 --link=false --chmod=u+rwx,g+rx a b
#           ^ entity.name.type.stage.dockerfile
#                    ^^^^^ constant.language.boolean.dockerfile
#                                  ^^^^^^^^^^ string.unquoted.flag-value.dockerfile
COPY --chown=${UID}:${GID} --from=${BASE_STAGE} a b
#              ^^^ string.unquoted.flag-value.dockerfile variable.other.dockerfile
#                                   ^^^^^^^^^^ variable.other.dockerfile
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /
#   ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#              ^^^^^^^^^^^ constant.other.checksum.dockerfile
ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.14.0 /buildkit
#   ^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                  ^^^^ constant.language.boolean.dockerfile
RUN --network=none --security=insecure make
#   ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#             ^^^^ constant.language.network.dockerfile
#                  ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                             ^^^^^^^^ constant.language.security.dockerfile
RUN --network=host --security=sandbox --device=nvidia.com/gpu=all make
#             ^^^^ constant.language.network.dockerfile
#                             ^^^^^^^ constant.language.security.dockerfile
#                                     ^^^^^^^^ entity.other.attribute-name.flag.dockerfile
HEALTHCHECK --interval=5m --timeout=3s --start-period=1m30s --start-interval=500ms --retries=3 CMD curl -f http://localhost/
#           ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                         ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                      ^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                           ^^^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                                                  ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                      ^^ constant.numeric.duration.dockerfile
#                                   ^^ constant.numeric.duration.dockerfile
#                                                     ^^^^^ constant.numeric.duration.dockerfile
#                                                                            ^^^^^ constant.numeric.duration.dockerfile
#                                                                                            ^ constant.numeric.integer.dockerfile
RUN apt-get install --no-install-recommends -y curl
#                   ^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile - entity.other.attribute-name.flag.dockerfile
RUN \
    --mount=type=cache,target=/root/.npm \
#   ^^^^^^^ entity.other.attribute-name.flag.dockerfile
    --network=none \
#   ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
    npm ci --omit=dev
#          ^^^^^^ - entity.other.attribute-name.flag.dockerfile
USER app
# <---- keyword.other.instruction.dockerfile

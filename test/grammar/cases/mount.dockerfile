# SYNTAX TEST "source.dockerfile" "RUN --mount options"
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked,id=apt,mode=0755,uid=1000,gid=1000 apt-get update
#   ^^^^^^^ meta.flag.mount.dockerfile entity.other.attribute-name.flag.dockerfile
#          ^ meta.flag.mount.dockerfile keyword.operator.assignment.dockerfile
#           ^^^^ support.type.property-name.mount.dockerfile
#                ^^^^^ constant.language.mount-type.dockerfile
#                     ^ punctuation.separator.comma.dockerfile
#                      ^^^^^^ support.type.property-name.mount.dockerfile
#                                            ^^^^^^^ support.type.property-name.mount.dockerfile
#                                                           ^^ support.type.property-name.mount.dockerfile
#                                                                  ^^^^ support.type.property-name.mount.dockerfile
#                                                                            ^^^ support.type.property-name.mount.dockerfile
#                                                                                     ^^^ support.type.property-name.mount.dockerfile
#                             ^^^^^^^^^^^^^^ string.unquoted.mount-value.dockerfile
#                                                    ^^^^^^ constant.language.sharing.dockerfile
#                                        ^^^ string.unquoted.mount-value.dockerfile
#                                                                       ^^^^ constant.numeric.dockerfile
#                                                                                ^^^^ constant.numeric.dockerfile
#                                                                                              ^^^^^^^ meta.instruction.run.dockerfile - meta.flag.mount.dockerfile
RUN --mount=type=bind,from=builder,source=/out,target=/in,rw --mount=type=bind,src=a,dst=/b,readonly go test
#                     ^^^^ support.type.property-name.mount.dockerfile
#                                  ^^^^^^ support.type.property-name.mount.dockerfile
#                                              ^^^^^^ support.type.property-name.mount.dockerfile
#                                                         ^^ support.type.property-name.mount.dockerfile
#                                                                              ^^^ support.type.property-name.mount.dockerfile
#                                                                                    ^^^ support.type.property-name.mount.dockerfile
#                                                                                           ^^^^^^^^ support.type.property-name.mount.dockerfile
#                ^^^^ constant.language.mount-type.dockerfile
#                          ^^^^^^^ entity.name.type.stage.dockerfile
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc,required=true --mount=type=ssh,required=false --mount=type=tmpfs,destination=/tmp,size=64 true
#                ^^^^^^ constant.language.mount-type.dockerfile
#                                                                               ^^^ constant.language.mount-type.dockerfile
#                                                                                                               ^^^^^ constant.language.mount-type.dockerfile
#                                                    ^^^^^^^^ support.type.property-name.mount.dockerfile
#                                                             ^^^^ constant.language.boolean.dockerfile
#                                                                                            ^^^^^ constant.language.boolean.dockerfile
#                                                                                                                     ^^^^^^^^^^^ support.type.property-name.mount.dockerfile
#                                                                                                                                      ^^^^ support.type.property-name.mount.dockerfile
#                                                                                                                                           ^^ constant.numeric.dockerfile
RUN --mount=from=${BASE},target=/x --mount=target=/root/.cache,type=cache true
#                  ^^^^ variable.other.dockerfile
#                                          ^^^^^^ support.type.property-name.mount.dockerfile
#                                                                   ^^^^^ constant.language.mount-type.dockerfile

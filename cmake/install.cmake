# Install the library, headers, CLI and a package config for find_package(shenpi).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS shenpi EXPORT shenpiTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS shenpi_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/shenpi DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/shenpi/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/shenpi)

set(shenpi_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/shenpi)
install(EXPORT shenpiTargets NAMESPACE shenpi:: DESTINATION ${shenpi_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/shenpiConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/shenpiConfig.cmake
                              INSTALL_DESTINATION ${shenpi_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/shenpiConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/shenpiConfig.cmake ${PROJECT_BINARY_DIR}/shenpiConfigVersion.cmake
        DESTINATION ${shenpi_cmake_dir})
